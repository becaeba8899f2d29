package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.List;

import org.sflowmonitor.store.RollupTier;

/**
 * Which rows a time-series call reads, from its {@code interval} param: the raw samples
 * ({@code "raw"}, the default), the rollups of a configured tier ({@code "5m"}), or
 * ({@code "auto"}) the finest of those that still holds the start of the range and answers it
 * in at most {@link #AUTO_ROWS} rows per entity; where none does, the coarsest that holds it,
 * else the coarsest. {@code labelled}: the rows say which they are (raw rows read by "auto"
 * carry {@code interval: "raw"}; rollup rows always do).
 */
record Resolution(RollupTier tier, boolean labelled) {

    static final String RAW = "raw";
    static final String AUTO = "auto";
    /** What a rollup row gives of each measure. */
    static final List<String> PARTS = List.of("_min", "_avg", "_max");
    static final int AUTO_ROWS = 1_500;
    /** hsflowd's default polling interval, by which "auto" estimates the raw rows of a range. */
    static final long RAW_INTERVAL_MILLIS = 20_000;

    boolean raw() {
        return tier == null;
    }

    String name() {
        return tier == null ? RAW : tier.name();
    }

    static Resolution of(String interval, List<RollupTier> tiers, long rawRetentionMillis, long from, long till,
                         long now) {
        if (interval == null || interval.equals(RAW)) {
            return new Resolution(null, false);
        }
        if (interval.equals(AUTO)) {
            return new Resolution(auto(tiers, rawRetentionMillis, from, till, now), true);
        }
        for (RollupTier t : tiers) {
            if (t.name().equals(interval)) {
                return new Resolution(t, true);
            }
        }
        List<String> known = new ArrayList<>(List.of(RAW, AUTO));
        tiers.forEach(t -> known.add(t.name()));
        throw RpcException.invalidParams("unknown interval '" + interval + "'; expected one of "
                + String.join(", ", known) + " (the tiers of rollup.tiers)");
    }

    private static RollupTier auto(List<RollupTier> tiers, long rawRetentionMillis, long from, long till, long now) {
        long end = Math.min(till, now);
        RollupTier coarsestHolding = null;
        long[] widths = new long[tiers.size() + 1];
        long[] retentions = new long[tiers.size() + 1];
        widths[0] = RAW_INTERVAL_MILLIS;
        retentions[0] = rawRetentionMillis;
        for (int i = 0; i < tiers.size(); i++) {
            widths[i + 1] = tiers.get(i).widthMillis();
            retentions[i + 1] = tiers.get(i).retentionMillis();
        }
        for (int i = 0; i < widths.length; i++) {
            long start = Math.max(from, now - retentions[i]);
            boolean holds = from >= now - retentions[i];
            if (holds && (end - start) / widths[i] <= AUTO_ROWS) {
                return i == 0 ? null : tiers.get(i - 1);
            }
            if (holds && i > 0) {
                coarsestHolding = tiers.get(i - 1);
            }
        }
        if (coarsestHolding != null) {
            return coarsestHolding;
        }
        return tiers.isEmpty() ? null : tiers.get(tiers.size() - 1);
    }
}
