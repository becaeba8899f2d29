package org.sflowmonitor.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

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

import org.sflowmonitor.store.LiveEntities;
import org.sflowmonitor.store.LiveFleet;

/**
 * What issue 19 added to every host.description call: counting the VMs reporting on each node
 * from the writer's live state (one pass over all VMs). 10,000 nodes; all of them asked for,
 * or one.
 *
 * <pre>
 * mvn -q test-compile
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     org.openjdk.jmh.Main ReportingVmsBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReportingVmsBenchmark {

    private static final int NODES = 10_000;

    @Param({"10", "100"})
    public int vmsPerNode;

    @Param({"all", "one"})
    public String nodes;

    private LiveEntities live;
    private List<Long> hostIds;
    private Reporting.Rule rule;

    @Setup(Level.Trial)
    public void setUp() {
        long now = 1_800_000_000_000L;
        live = LiveFleet.of(NODES, vmsPerNode, now, 20_000);
        hostIds = nodes.equals("all") ? LongStream.rangeClosed(1, NODES).boxed().toList() : List.of(5_000L);
        rule = new Reporting.Rule(3, now);
    }

    @Benchmark
    public Map<Long, Long> countReportingVms() {
        return HostService.reportingVms(live, hostIds, rule);
    }
}
