package org.sflowmonitor.store;

import java.sql.SQLException;

/**
 * Many {@link Bucket}s of one rollup table in a few large arrays ({@link ChunkedRows}), a row
 * each: either a row per entity slot ({@link RollupSlots}), its bucket open or not, or rows
 * appended one after the other up to {@link #size()}. A row is one run of longs (the doubles as
 * their bits): the entity, start, node and samples, then per measure its min, max, sum and
 * count side by side, so that adding a sample's point touches one place in memory, not one per
 * part. Adding a point or merging a bucket follows {@link Bucket}'s rules ({@link Bucket#lower},
 * {@link Bucket#upper}), so a bucket is the same whichever holds it.
 */
final class BucketColumns {

    private static final int ID = 0;
    private static final int SUB = 1;
    private static final int START = 2;
    private static final int HOST = 3;
    /** The samples in the bucket; 0: no bucket open in the row. */
    private static final int SAMPLES = 4;
    private static final int HEAD = 5;
    private static final int MIN = 0;
    private static final int MAX = 1;
    private static final int SUM = 2;
    private static final int N = 3;
    private static final int PARTS = 4;
    private static final long NAN = Double.doubleToRawLongBits(Double.NaN);

    private final int measures;
    private final ChunkedRows<long[]> rows;
    /** Rows appended so far. */
    private int size;

    BucketColumns(int measures) {
        this.measures = measures;
        int stride = HEAD + PARTS * measures;
        this.rows = new ChunkedRows<>(long[]::new, stride, ChunkedRows.rowBits(stride));
    }

    private long get(int row, int field) {
        return rows.chunk(row)[rows.at(row) + field];
    }

    /** Whether row {@code row} holds a bucket (asking makes no chunk: rows per slot are made as buckets open). */
    boolean isOpen(int row) {
        return rows.reaches(row) && get(row, SAMPLES) > 0;
    }

    long id(int row) {
        return get(row, ID);
    }

    long sub(int row) {
        return get(row, SUB);
    }

    long start(int row) {
        return get(row, START);
    }

    /** Starts an empty bucket of entity (id, sub) at {@code start} in row {@code row}: open once a point or bucket is added. */
    void open(int row, long id, long sub, long start) {
        long[] r = rows.chunk(row);
        int at = rows.at(row);
        r[at + ID] = id;
        r[at + SUB] = sub;
        r[at + START] = start;
        r[at + HOST] = 0;
        r[at + SAMPLES] = 0;
        for (int m = at + HEAD; m < at + HEAD + PARTS * measures; m += PARTS) {
            r[m + MIN] = NAN;
            r[m + MAX] = NAN;
            r[m + SUM] = 0; // the bits of 0.0
            r[m + N] = 0;
        }
    }

    /** Row {@code row} holds no bucket any more. */
    void close(int row) {
        rows.chunk(row)[rows.at(row) + SAMPLES] = 0;
    }

    /** {@link Bucket#add}: one sample's point (NaN: no value for that measure). */
    void add(int row, double[] point, long sampleHostId) {
        long[] r = rows.chunk(row);
        int at = rows.at(row);
        r[at + SAMPLES]++;
        r[at + HOST] = sampleHostId;
        for (int i = 0; i < measures; i++) {
            double v = point[i];
            if (!Double.isNaN(v)) {
                put(r, at + HEAD + PARTS * i, v, v, v, 1);
            }
        }
    }

    /** {@link Bucket#merge}: adds the bucket in {@code from}'s row {@code fromRow}, later than those merged before. */
    void merge(int row, BucketColumns from, int fromRow) {
        long[] r = rows.chunk(row);
        int at = rows.at(row);
        long[] f = from.rows.chunk(fromRow);
        int fat = from.rows.at(fromRow);
        r[at + SAMPLES] += f[fat + SAMPLES];
        r[at + HOST] = f[fat + HOST];
        for (int i = 0; i < measures; i++) {
            int fm = fat + HEAD + PARTS * i;
            if (f[fm + N] > 0) {
                put(r, at + HEAD + PARTS * i, Double.longBitsToDouble(f[fm + MIN]),
                        Double.longBitsToDouble(f[fm + MAX]), Double.longBitsToDouble(f[fm + SUM]), f[fm + N]);
            }
        }
    }

    /** Bucket.put on the measure whose parts start at {@code m} in {@code r}. */
    private static void put(long[] r, int m, double lo, double hi, double total, long count) {
        long n = r[m + N];
        r[m + MIN] = Double.doubleToRawLongBits(Bucket.lower(n, Double.longBitsToDouble(r[m + MIN]), lo));
        r[m + MAX] = Double.doubleToRawLongBits(Bucket.upper(n, Double.longBitsToDouble(r[m + MAX]), hi));
        r[m + SUM] = Double.doubleToRawLongBits(Double.longBitsToDouble(r[m + SUM]) + total);
        r[m + N] = n + count;
    }

    /** Appends a copy of {@code from}'s row {@code fromRow}. */
    void append(BucketColumns from, int fromRow) {
        copy(from, fromRow, size++);
    }

    private void copy(BucketColumns from, int fromRow, int row) {
        System.arraycopy(from.rows.chunk(fromRow), from.rows.at(fromRow), rows.chunk(row), rows.at(row),
                HEAD + PARTS * measures);
    }

    /** How many rows were appended. */
    int size() {
        return size;
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
        rows.trim(size); // a close empties what a bucket boundary filled: most of a fleet's buckets
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
        long[] r = rows.chunk(row);
        int at = rows.at(row);
        Bucket b = new Bucket(r[at + ID], r[at + SUB], r[at + START], measures);
        b.hostId = r[at + HOST];
        b.samples = Math.toIntExact(r[at + SAMPLES]);
        for (int i = 0; i < measures; i++) {
            int m = at + HEAD + PARTS * i;
            b.min[i] = Double.longBitsToDouble(r[m + MIN]);
            b.max[i] = Double.longBitsToDouble(r[m + MAX]);
            b.sum[i] = Double.longBitsToDouble(r[m + SUM]);
            b.n[i] = Math.toIntExact(r[m + N]);
        }
        return b;
    }

    /** Hands the appended rows to {@code sink}, in order. */
    void writeTo(BucketSink sink) throws SQLException {
        for (int row = 0; row < size; row++) {
            sink.accept(bucket(row));
        }
    }
}
