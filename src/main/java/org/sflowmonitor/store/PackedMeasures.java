package org.sflowmonitor.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A rollup row's measures in one byte array (the {@code measures} column): per measure, in the
 * order of {@link RollupLayout#measures()}, its count (4 bytes) then its min, max and sum (8 bytes
 * each, IEEE 754), big-endian. A measure without values has count 0 and its other parts are not
 * read. Read from one column, a year of a node's rows costs H2 about a third of reading four
 * columns a measure (docs/benchmarks.md, issue 15). A measure past the end of a shorter array has
 * no values.
 */
final class PackedMeasures {

    private static final int COUNT = 0;
    private static final int MIN = 4;
    private static final int MAX = 12;
    private static final int SUM = 20;
    static final int BYTES_PER_MEASURE = 28;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.BIG_ENDIAN);

    private PackedMeasures() {
    }

    /** The measures of a bucket packed. */
    static byte[] pack(Bucket b) {
        byte[] out = new byte[b.n.length * BYTES_PER_MEASURE];
        for (int i = 0, at = 0; i < b.n.length; i++, at += BYTES_PER_MEASURE) {
            INT.set(out, at + COUNT, b.n[i]);
            if (b.n[i] > 0) {
                DOUBLE.set(out, at + MIN, b.min[i]);
                DOUBLE.set(out, at + MAX, b.max[i]);
                DOUBLE.set(out, at + SUM, b.sum[i]);
            }
        }
        return out;
    }

    /** Fills a bucket's measures from packed ones: min and max NaN, sum 0 where there are no values. */
    static void unpack(byte[] packed, Bucket into) {
        for (int i = 0; i < into.n.length; i++) {
            int n = count(packed, i);
            into.n[i] = n;
            into.min[i] = n == 0 ? Double.NaN : min(packed, i);
            into.max[i] = n == 0 ? Double.NaN : max(packed, i);
            into.sum[i] = n == 0 ? 0 : sum(packed, i);
        }
    }

    /** How many values measure {@code i} has. */
    static int count(byte[] packed, int i) {
        return count(packed, packed.length, i);
    }

    /** How many values measure {@code i} has, of measures packed in the first {@code length} bytes. */
    static int count(byte[] packed, int length, int i) {
        int at = i * BYTES_PER_MEASURE;
        return at < length ? (int) INT.get(packed, at + COUNT) : 0;
    }

    /** Measure {@code i}'s smallest value (only when it has values). */
    static double min(byte[] packed, int i) {
        return (double) DOUBLE.get(packed, i * BYTES_PER_MEASURE + MIN);
    }

    static double max(byte[] packed, int i) {
        return (double) DOUBLE.get(packed, i * BYTES_PER_MEASURE + MAX);
    }

    static double sum(byte[] packed, int i) {
        return (double) DOUBLE.get(packed, i * BYTES_PER_MEASURE + SUM);
    }
}
