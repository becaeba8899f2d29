package org.sflowmonitor.store;

import java.util.Arrays;

/**
 * One bucket of one entity being rolled up: how many samples fell in it, the node of the newest
 * of them, and per measure the smallest and largest value, their sum and how many there were
 * (so that averages stay exact when buckets are merged into coarser ones).
 */
final class Bucket {

    final long id;
    final long sub;
    final long start;
    long hostId;
    int samples;
    final double[] min;
    final double[] max;
    final double[] sum;
    final int[] n;

    Bucket(long id, long sub, long start, int measures) {
        this.id = id;
        this.sub = sub;
        this.start = start;
        this.min = new double[measures];
        this.max = new double[measures];
        this.sum = new double[measures];
        this.n = new int[measures];
        Arrays.fill(min, Double.NaN);
        Arrays.fill(max, Double.NaN);
    }

    /** Adds one sample's point (NaN: no value for that measure). */
    void add(double[] point, long sampleHostId) {
        samples++;
        hostId = sampleHostId;
        for (int i = 0; i < point.length; i++) {
            double v = point[i];
            if (!Double.isNaN(v)) {
                put(i, v, v, v, 1);
            }
        }
    }

    /** Adds a finer bucket that lies inside this one, later than those merged before it. */
    void merge(Bucket finer) {
        samples += finer.samples;
        hostId = finer.hostId;
        for (int i = 0; i < n.length; i++) {
            if (finer.n[i] > 0) {
                put(i, finer.min[i], finer.max[i], finer.sum[i], finer.n[i]);
            }
        }
    }

    private void put(int i, double lo, double hi, double total, int count) {
        put(min, max, sum, n, i, lo, hi, total, count);
    }

    /**
     * Adds to measure {@code i} of the parts {@code min}, {@code max}, {@code sum} and {@code n}
     * ({@link BucketColumns} holds many buckets' parts in one array each) values from {@code lo}
     * to {@code hi}, {@code count} of them summing to {@code total}.
     */
    static void put(double[] min, double[] max, double[] sum, int[] n, int i, double lo, double hi, double total,
                    int count) {
        if (n[i] == 0) {
            min[i] = lo;
            max[i] = hi;
        } else {
            min[i] = Math.min(min[i], lo);
            max[i] = Math.max(max[i], hi);
        }
        sum[i] += total;
        n[i] += count;
    }

    /** The exact average of measure {@code i}; NaN without values. */
    double avg(int i) {
        return n[i] == 0 ? Double.NaN : sum[i] / n[i];
    }
}
