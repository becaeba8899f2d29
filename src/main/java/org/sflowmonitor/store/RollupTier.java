package org.sflowmonitor.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rollup tier: buckets of {@code widthMillis} kept for {@code retentionMillis}. Its name is
 * the width as the setting writes it ({@code 5m}); the API's {@code interval} names it.
 */
public record RollupTier(String name, long widthMillis, long retentionMillis) {

    /** The narrowest bucket: shorter ones would hold one or no sample at hsflowd's intervals. */
    public static final long MIN_WIDTH_MILLIS = 10_000;
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,6})([smhd])");
    private static final Pattern TIER = Pattern.compile("([^:]+):([^:]+)");

    /**
     * The tiers of a rollup.tiers value such as {@code 5m:90d,1h:730d} (width:retention, units s,
     * m, h, d), finest first; empty for an empty value.
     *
     * @throws IllegalArgumentException saying what is wrong: a width below 10 s, a width that is
     *                                  not a multiple of the finer tier's, a retention shorter than
     *                                  twice the next tier's width (its buckets are merged into the
     *                                  next tier's), a duplicate
     */
    public static List<RollupTier> parse(String value) {
        List<RollupTier> tiers = new ArrayList<>();
        if (value.isBlank()) {
            return tiers;
        }
        for (String part : value.split(",")) {
            Matcher m = TIER.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not width:retention (e.g. 5m:90d)");
            }
            long width = millis(m.group(1).trim());
            long retention = millis(m.group(2).trim());
            if (width < MIN_WIDTH_MILLIS) {
                throw new IllegalArgumentException("bucket width " + m.group(1).trim() + " is below 10s");
            }
            if (retention < width) {
                throw new IllegalArgumentException("retention " + m.group(2).trim() + " is shorter than its bucket "
                        + m.group(1).trim());
            }
            tiers.add(new RollupTier(name(width), width, retention));
        }
        tiers.sort((a, b) -> Long.compare(a.widthMillis, b.widthMillis));
        for (int i = 1; i < tiers.size(); i++) {
            RollupTier finer = tiers.get(i - 1);
            RollupTier t = tiers.get(i);
            if (t.widthMillis == finer.widthMillis) {
                throw new IllegalArgumentException("two tiers of width " + t.name);
            }
            if (t.widthMillis % finer.widthMillis != 0) {
                throw new IllegalArgumentException("width " + t.name + " is not a multiple of the finer tier's "
                        + finer.name + " (its buckets are merged from the finer ones)");
            }
            if (finer.retentionMillis < 2 * t.widthMillis) {
                throw new IllegalArgumentException("tier " + finer.name + " must be kept at least twice the width of "
                        + t.name + ", from which that tier is merged");
            }
        }
        return List.copyOf(tiers);
    }

    /** A duration such as 90d, 5m, 10s; IllegalArgumentException otherwise. */
    static long millis(String text) {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (a whole number and s, m, h or d)");
        }
        long n = Long.parseLong(m.group(1));
        return n * switch (m.group(2)) {
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
    }

    /** The width in the largest unit that divides it: 300000 → 5m. */
    static String name(long millis) {
        if (millis % 86_400_000L == 0) {
            return millis / 86_400_000L + "d";
        }
        if (millis % 3_600_000L == 0) {
            return millis / 3_600_000L + "h";
        }
        if (millis % 60_000L == 0) {
            return millis / 60_000L + "m";
        }
        return millis / 1_000L + "s";
    }
}
