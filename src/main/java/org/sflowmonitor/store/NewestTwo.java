package org.sflowmonitor.store;

import org.sflowmonitor.store.LatestState.Entry;
import org.sflowmonitor.store.LatestState.Sample;

/**
 * The latest tables' rule for the two samples of an entity they keep: the two newest by ts
 * whatever order they come in; of two with the same ts the later one counts as newer; the same
 * sample twice counts once. Each answer is {newest, previous}, either null for none.
 */
final class NewestTwo {

    private NewestTwo() {
    }

    /** The newest two of an entity's two and one more sample. */
    static Sample[] merged(Sample newest, Sample previous, Sample s) {
        if (s.sameAs(newest) || s.sameAs(previous)) {
            return new Sample[] {newest, previous};
        }
        if (newest == null || s.ts() >= newest.ts()) {
            return new Sample[] {s, newest};
        }
        if (previous == null || s.ts() >= previous.ts()) {
            return new Sample[] {newest, s};
        }
        return new Sample[] {newest, previous};
    }

    /** An entry's two samples (none when the entry is null) and one more sample. */
    static Sample[] merged(Entry e, Sample s) {
        return e == null ? merged(null, null, s) : merged(e.newest(), e.previous(), s);
    }

    /** An entry's two samples (none when null) merged with a row's newest {@code n} and previous {@code p} (null: none). */
    static Sample[] mergedRow(Entry e, Sample n, Sample p) {
        if (p == null) {
            return merged(e, n);
        }
        // the previous first: of two with the same ts the one applied later counts as the newer
        Sample[] two = merged(e, p);
        return merged(two[0], two[1], n);
    }
}
