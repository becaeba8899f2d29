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
        min[i] = lower(n[i], min[i], lo);
        max[i] = upper(n[i], max[i], hi);
        sum[i] += total;
        n[i] += count;
    }

    /** A measure's smallest value once values from {@code lo} up are added to its {@code n} values, the smallest {@code min}. */
    static double lower(long n, double min, double lo) {
        return n == 0 ? lo : Math.min(min, lo);
    }

    /** A measure's largest value once values up to {@code hi} are added to its {@code n} values, the largest {@code max}. */
    static double upper(long n, double max, double hi) {
        return n == 0 ? hi : Math.max(max, hi);
    }

    /** The exact average of measure {@code i}; NaN without values. */
    double avg(int i) {
        return n[i] == 0 ? Double.NaN : sum[i] / n[i];
    }
}
