package org.sflowmonitor.store;

/**
 * Makes the counters of one entity's consecutive samples monotonic. A 32-bit counter that went
 * back from the upper half of its range wrapped: 2^32 is added to it from then on. Any other fall
 * of a counter (a 64-bit one, or a 32-bit one from the lower half, which cannot wrap within one
 * polling interval) means the agent or the VM restarted: then every counter of the sample starts
 * again from its raw value, which a consumer such as Prometheus takes as the reset it is.
 * Done by the writer, which sees every stored sample in order, so no wrap is missed however
 * rarely the values are read.
 */
final class CounterWidening {

    private static final long WRAP = 1L << 32;
    private static final long LOW_MASK = WRAP - 1;
    private static final long UPPER_HALF = 1L << 31;

    private CounterWidening() {
    }

    /**
     * Widens {@code fresh} (the raw values of a new sample, in {@code table}'s value columns) in
     * place against {@code previous} (the entity's last widened values; null for its first sample).
     * A counter the new sample lacks keeps its previous value, so that its widening goes on.
     */
    static void widen(SampleTable table, double[] previous, double[] fresh) {
        if (previous == null) {
            return;
        }
        boolean restarted = restarted(table, previous, fresh);
        for (int i = 0; i < fresh.length; i++) {
            if (!table.isCounter(i) || Double.isNaN(previous[i])) {
                continue;
            }
            if (Double.isNaN(fresh[i])) {
                fresh[i] = previous[i];
            } else if (!restarted && table.isCounter32(i)) {
                long before = (long) previous[i];
                long raw = (long) fresh[i];
                long base = before - (before & LOW_MASK);
                fresh[i] = base + raw + (raw < (before & LOW_MASK) ? WRAP : 0);
            }
        }
    }

    /** Whether a counter fell in a way no wrap explains. */
    static boolean restarted(SampleTable table, double[] previous, double[] fresh) {
        for (int i = 0; i < fresh.length; i++) {
            if (!table.isCounter(i) || Double.isNaN(previous[i]) || Double.isNaN(fresh[i])) {
                continue;
            }
            if (table.isCounter32(i)) {
                long before = (long) previous[i] & LOW_MASK;
                if ((long) fresh[i] < before && before < UPPER_HALF) {
                    return true;
                }
            } else if (fresh[i] < previous[i]) {
                return true;
            }
        }
        return false;
    }
}
