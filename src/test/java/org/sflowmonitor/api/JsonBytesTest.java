package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    @Test
    void aTextLongerThanAPieceIsKeptInPiecesThatReadAsTheWholeText() throws Exception {
        JsonBytes out = new JsonBytes(0);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; out.length() < 3 * JsonBytes.PIECE; i++) {
            out.append((byte) '[').append(i).append((byte) ']');
            expected.append('[').append(i).append(']');
        }
        byte[] large = "x".repeat(JsonBytes.PIECE + 1).getBytes(StandardCharsets.US_ASCII);
        out.append(large);
        expected.append(new String(large, StandardCharsets.US_ASCII));

        assertEquals(expected.length(), out.length());
        assertEquals(expected.toString(), new String(out.exact(), StandardCharsets.US_ASCII));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        assertEquals(expected.length(), out.written().writeUnquotedUTF8(sent));
        assertEquals(expected.toString(), sent.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void aRangeOfAnotherTextIsCopiedAcrossItsPieces() {
        JsonBytes source = new JsonBytes(0);
        StringBuilder text = new StringBuilder();
        for (int i = 0; source.length() < 3 * JsonBytes.PIECE; i++) {
            source.append(i).append((byte) ',');
            text.append(i).append(',');
        }
        int from = JsonBytes.PIECE / 2;
        int to = 2 * JsonBytes.PIECE + 17;

        JsonBytes copy = new JsonBytes(0).append((byte) '<').append(source, from, to).append((byte) '>');

        assertEquals("<" + text.substring(from, to) + ">", new String(copy.exact(), StandardCharsets.US_ASCII));
    }

    @Test
    void aRangeIsCopiedFromATextThatBeganWithAnAppendLongerThanAPiece() {
        byte[] large = "x".repeat(JsonBytes.PIECE + 1).getBytes(StandardCharsets.US_ASCII);
        JsonBytes source = new JsonBytes(0).append(large).append((byte) 'y');

        JsonBytes copy = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> new JsonBytes(0).append(source, 0, JsonBytes.PIECE + 2));

        assertEquals("x".repeat(JsonBytes.PIECE + 1) + "y", new String(copy.exact(), StandardCharsets.US_ASCII));
    }
}
