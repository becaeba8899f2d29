package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.sflowmonitor.store.Counters;

class JsonBytesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String hundredths(double v) {
        JsonBytes out = new JsonBytes(0);
        out.appendHundredths(v);
        return new String(out.exact(), StandardCharsets.US_ASCII);
    }

    private static String whole(long v) {
        return new String(new JsonBytes(0).append(v).exact(), StandardCharsets.US_ASCII);
    }

    @Test
    void aLongIsWrittenAsJacksonWritesIt() throws Exception {
        long[] values = {0, 1, -1, 9, 10, 99, 100, 1_234_567_890_123L, -987_654_321L, 999_999_999_999_999_999L,
            1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (long v : values) {
            assertEquals(JSON.writeValueAsString(v), whole(v), "" + v);
        }
    }

    @Test
    void everyValueWithTwoDecimalsBelowTwentyThousandIsWrittenAsJacksonWritesItsRoundedDouble() {
        for (long k = -2_000_000; k <= 2_000_000; k++) {
            double v = k / 100.0;
            assertEquals(Double.toString(Counters.round2(v)), hundredths(v), "" + k);
        }
    }

    @Test
    void anyDoubleIsWrittenAsJacksonWritesItRoundedToTwoDecimals() throws Exception {
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 1_000_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-4, 20));
            assertEquals(JSON.writeValueAsString(Counters.round2(v)), hundredths(v), "" + v);
        }
        for (double v : new double[] {0.0, -0.0, 0.004, -0.004, 0.005, -0.005, 9_999_999.994, 9_999_999.995,
            -9_999_999.995, 1e7, 12_345_678.9, 1e300, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY}) {
            assertEquals(JSON.writeValueAsString(Counters.round2(v)), hundredths(v), "" + v);
        }
    }

    @Test
    void theBufferGrowsAsTextIsAdded() {
        JsonBytes out = new JsonBytes(0);
        for (int i = 0; i < 10_000; i++) {
            out.append((byte) '[').append(i).append((byte) ']');
        }
        String text = new String(out.exact(), StandardCharsets.US_ASCII);
        assertEquals("[0][1][2]", text.substring(0, 9));
        assertEquals("[9999]", text.substring(text.length() - 6));
    }
}
