package org.sflowmonitor.sflow;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Mutated and truncated versions of valid datagrams: only {@link SflowDecodeException} may escape
 * the decoder, and every decode finishes. 100,000 inputs by default; more with
 * {@code -Dfuzz.iterations=10000000} (and {@code -Dfuzz.seed=N} to replay a run).
 */
class SflowDecoderFuzzTest {

    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 100_000);
    private static final long SEED = Long.getLong("fuzz.seed", 20261122L);

    /** Values that make lengths and counts interesting: zero, off by a word, huge, negative. */
    private static final int[] INTERESTING = {0, 1, 2, 3, 4, 5, 7, 8, 12, 16, 64, 0x7F, 0xFF, 0xFFFF,
            0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF_FFFC, 0x0000_1000, 2000, 2001, 2003, 2101};

    @Test
    void mutatedAndTruncatedDatagramsOnlyEverRaiseTheDecodersOwnError() {
        List<byte[]> seeds = seeds();
        Random random = new Random(SEED);
        Duration limit = Duration.ofSeconds(Math.max(60, ITERATIONS / 20_000));
        int[] rejected = new int[1];
        assertTimeoutPreemptively(limit, () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
                try {
                    SflowDecoder.DEFAULT.decode(ByteBuffer.wrap(input), null, 0);
                } catch (SflowDecodeException expected) {
                    rejected[0]++;
                } catch (RuntimeException | Error e) {
                    fail("input " + i + " (seed " + SEED + ") " + hex(input) + " raised " + e, e);
                }
            }
        });
        assertTrue(rejected[0] < ITERATIONS, "some mutations must still decode");
    }

    static List<byte[]> seeds() {
        SflowEncoder.Element header = SflowEncoder.element(0, 1, new byte[96]);
        SflowEncoder.Element router = SflowEncoder.element(0, 1002, new byte[16]);
        return List.of(
                HsflowdDatagrams.node(1, 1),
                HsflowdDatagrams.vm(2, 1),
                SflowEncoder.datagram(CounterRecordRoundTripTest.IPV6_AGENT, 0, 5, 6)
                        .counterSample(false, 1, 0, 3, RecordValues.filled(CounterRecord.IfCounters.class,
                                RecordValues.Fill.DISTINCT), new CounterRecord.PortName("eth0"),
                                RecordValues.filled(CounterRecord.Processor.class, RecordValues.Fill.MAXIMA))
                        .flowSample(false, 1, 0, 3, 400, 4000, 0, 0, 3, 0, 0x3FFF_FFFF, header, router)
                        .bytes(),
                SflowEncoder.datagram(null, 1, 1, 1)
                        .flowSample(true, 1, 0, 3, 400, 4000, 0, 0, 3, 2, 7, header)
                        .sample(SflowEncoder.element(0, 5, new byte[40]))
                        .counterSample(true, 1, 2, 1, RecordValues.filled(CounterRecord.HostDescr.class,
                                RecordValues.Fill.MAXIMA), RecordValues.filled(CounterRecord.HostAdapters.class,
                                RecordValues.Fill.MAXIMA))
                        .bytes());
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] out = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int word = random.nextInt(out.length / 4) * 4;
            switch (random.nextInt(5)) {
                case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> putInt(out, word, INTERESTING[random.nextInt(INTERESTING.length)]);
                case 2 -> putInt(out, word, getInt(out, word) + (random.nextBoolean() ? 4 : -4));
                case 3 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                default -> putInt(out, word, random.nextInt());
            }
        }
        if (random.nextInt(3) == 0) {
            out = Arrays.copyOf(out, random.nextInt(out.length + 1));
        }
        return out;
    }

    private static int getInt(byte[] b, int at) {
        return ByteBuffer.wrap(b).getInt(at);
    }

    private static void putInt(byte[] b, int at, int value) {
        ByteBuffer.wrap(b).putInt(at, value);
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b));
        }
        return s.toString();
    }
}
