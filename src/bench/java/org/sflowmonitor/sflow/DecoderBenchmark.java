package org.sflowmonitor.sflow;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding speed of hsflowd-shaped datagrams ({@link HsflowdDatagrams}): a KVM node's counter
 * sample and a VM's, from heap and direct buffers. MB/s = datagram size x ops/s (sizes are
 * printed at setup); bytes allocated per datagram = gc.alloc.rate.norm with -prof gc.
 *
 * <pre>
 * mvn -q test-compile
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     org.openjdk.jmh.Main DecoderBenchmark -prof gc -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecoderBenchmark {

    @Param({"node", "vm"})
    public String sample;

    @Param({"heap", "direct"})
    public String buffer;

    private ByteBuffer datagram;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] bytes = sample.equals("node") ? HsflowdDatagrams.node(1, 1) : HsflowdDatagrams.vm(1, 1);
        datagram = buffer.equals("heap") ? ByteBuffer.wrap(bytes) : ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        System.out.println("\n" + sample + " datagram: " + bytes.length + " bytes");
    }

    @Benchmark
    public SflowDatagram decode() throws SflowDecodeException {
        return SflowDecoder.DEFAULT.decode(datagram, null, 0);
    }
}
