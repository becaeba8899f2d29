package org.sflowmonitor.store;

import java.sql.SQLException;
import java.util.Arrays;

/**
 * Many {@link Bucket}s of one rollup table in a few large arrays ({@link ChunkedRows}), a row
 * each: either a row per entity slot ({@link RollupSlots}), its bucket open or not, or rows
 * appended one after the other up to {@link #size()}. Adding a point or merging a bucket
 * follows {@link Bucket}'s rules exactly, so a bucket is the same whichever holds it.
 */
final class BucketColumns {

    private static final int ID = 0;
    private static final int SUB = 1;
    private static final int START = 2;
    private static final int HOST = 3;
    /** The samples in the bucket; 0: no bucket open in the row. */
    private static final int SAMPLES = 4;
    private static final int HEAD = 5;

    private final int measures;
    private final ChunkedRows<long[]> head;
    private final ChunkedRows<double[]> min;
    private final ChunkedRows<double[]> max;
    private final ChunkedRows<double[]> sum;
    private final ChunkedRows<int[]> n;
    /** Rows appended so far. */
    private int size;

    BucketColumns(int measures) {
        this.measures = measures;
        int bits = ChunkedRows.rowBits(Math.max(HEAD, measures));
        this.head = new ChunkedRows<>(long[]::new, HEAD, bits);
        this.min = new ChunkedRows<>(double[]::new, measures, bits);
        this.max = new ChunkedRows<>(double[]::new, measures, bits);
        this.sum = new ChunkedRows<>(double[]::new, measures, bits);
        this.n = new ChunkedRows<>(int[]::new, measures, bits);
    }

    /** Whether row {@code row} holds a bucket. */
    boolean isOpen(int row) {
        return head.chunk(row)[head.at(row) + SAMPLES] > 0;
    }

    long id(int row) {
        return head.chunk(row)[head.at(row) + ID];
    }

    long sub(int row) {
        return head.chunk(row)[head.at(row) + SUB];
    }

    long start(int row) {
        return head.chunk(row)[head.at(row) + START];
    }

    /** Starts an empty bucket of entity (id, sub) at {@code start} in row {@code row}: open once a point or bucket is added. */
    void open(int row, long id, long sub, long start) {
        long[] h = head.chunk(row);
        int at = head.at(row);
        h[at + ID] = id;
        h[at + SUB] = sub;
        h[at + START] = start;
        h[at + HOST] = 0;
        h[at + SAMPLES] = 0;
        int m = min.at(row);
        Arrays.fill(min.chunk(row), m, m + measures, Double.NaN);
        Arrays.fill(max.chunk(row), m, m + measures, Double.NaN);
        Arrays.fill(sum.chunk(row), m, m + measures, 0);
        Arrays.fill(n.chunk(row), m, m + measures, 0);
    }

    /** Row {@code row} holds no bucket any more. */
    void close(int row) {
        head.chunk(row)[head.at(row) + SAMPLES] = 0;
    }

    /** {@link Bucket#add}: one sample's point (NaN: no value for that measure). */
    void add(int row, double[] point, long sampleHostId) {
        long[] h = head.chunk(row);
        int at = head.at(row);
        h[at + SAMPLES]++;
        h[at + HOST] = sampleHostId;
        double[] lo = min.chunk(row);
        double[] hi = max.chunk(row);
        double[] total = sum.chunk(row);
        int[] count = n.chunk(row);
        int m = min.at(row);
        for (int i = 0; i < measures; i++) {
            double v = point[i];
            if (!Double.isNaN(v)) {
                Bucket.put(lo, hi, total, count, m + i, v, v, v, 1);
            }
        }
    }

    /** {@link Bucket#merge}: adds the bucket in {@code from}'s row {@code fromRow}, later than those merged before. */
    void merge(int row, BucketColumns from, int fromRow) {
        long[] h = head.chunk(row);
        int at = head.at(row);
        long[] fh = from.head.chunk(fromRow);
        int fat = from.head.at(fromRow);
        h[at + SAMPLES] += fh[fat + SAMPLES];
        h[at + HOST] = fh[fat + HOST];
        double[] lo = min.chunk(row);
        double[] hi = max.chunk(row);
        double[] total = sum.chunk(row);
        int[] count = n.chunk(row);
        int m = min.at(row);
        double[] flo = from.min.chunk(fromRow);
        double[] fhi = from.max.chunk(fromRow);
        double[] ftotal = from.sum.chunk(fromRow);
        int[] fcount = from.n.chunk(fromRow);
        int fm = from.min.at(fromRow);
        for (int i = 0; i < measures; i++) {
            if (fcount[fm + i] > 0) {
                Bucket.put(lo, hi, total, count, m + i, flo[fm + i], fhi[fm + i], ftotal[fm + i], fcount[fm + i]);
            }
        }
    }

    /** Appends a copy of {@code from}'s row {@code fromRow}. */
    void append(BucketColumns from, int fromRow) {
        copy(from, fromRow, size++);
    }

    private void copy(BucketColumns from, int fromRow, int row) {
        System.arraycopy(from.head.chunk(fromRow), from.head.at(fromRow), head.chunk(row), head.at(row), HEAD);
        int fm = from.min.at(fromRow);
        int m = min.at(row);
        System.arraycopy(from.min.chunk(fromRow), fm, min.chunk(row), m, measures);
        System.arraycopy(from.max.chunk(fromRow), fm, max.chunk(row), m, measures);
        System.arraycopy(from.sum.chunk(fromRow), fm, sum.chunk(row), m, measures);
        System.arraycopy(from.n.chunk(fromRow), fm, n.chunk(row), m, measures);
    }

    /** How many rows were appended. */
    int size() {
        return size;
    }

    /** Forgets the rows appended (the arrays are kept for the next ones). */
    void clear() {
        size = 0;
    }

    /**
     * Removes the appended buckets starting before {@code till}, appending those from
     * {@code from} on to {@code out} (null: dropped), in one pass that keeps the order of the rest.
     */
    void moveBefore(long till, long from, BucketColumns out) {
        int kept = 0;
        for (int row = 0; row < size; row++) {
            long start = start(row);
            if (start >= till) {
                if (kept != row) {
                    copy(this, row, kept);
                }
                kept++;
            } else if (start >= from && out != null) {
                out.append(this, row);
            }
        }
        size = kept;
    }

    /**
     * Closes the buckets of rows [0, {@code rows}) that start before {@code till}, appending those
     * from {@code from} on to {@code out}.
     */
    void closeBefore(int rows, long till, long from, BucketColumns out) {
        for (int row = 0; row < rows; row++) {
            if (isOpen(row) && start(row) < till) {
                if (start(row) >= from) {
                    out.append(this, row);
                }
                close(row);
            }
        }
    }

    /** Row {@code row} as a Bucket of its own, for a writer that takes one bucket at a time. */
    Bucket bucket(int row) {
        long[] h = head.chunk(row);
        int at = head.at(row);
        Bucket b = new Bucket(h[at + ID], h[at + SUB], h[at + START], measures);
        b.hostId = h[at + HOST];
        b.samples = Math.toIntExact(h[at + SAMPLES]);
        int m = min.at(row);
        System.arraycopy(min.chunk(row), m, b.min, 0, measures);
        System.arraycopy(max.chunk(row), m, b.max, 0, measures);
        System.arraycopy(sum.chunk(row), m, b.sum, 0, measures);
        System.arraycopy(n.chunk(row), m, b.n, 0, measures);
        return b;
    }

    /** Hands the appended rows to {@code sink}, in order. */
    void writeTo(BucketSink sink) throws SQLException {
        for (int row = 0; row < size; row++) {
            sink.accept(bucket(row));
        }
    }
}
