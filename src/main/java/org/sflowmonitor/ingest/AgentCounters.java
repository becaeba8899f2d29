package org.sflowmonitor.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The ingest counters of one agent (or of all agents), safe to update from any thread. */
public final class AgentCounters {

    private static final IngestCounter[] ALL = IngestCounter.values();

    private final LongAdder[] counters = new LongAdder[ALL.length];
    private final AtomicLong lastDatagramAt = new AtomicLong();

    AgentCounters() {
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new LongAdder();
        }
    }

    public void add(IngestCounter counter, long n) {
        counters[counter.ordinal()].add(n);
    }

    public void increment(IngestCounter counter) {
        counters[counter.ordinal()].increment();
    }

    public long get(IngestCounter counter) {
        return counters[counter.ordinal()].sum();
    }

    void seen(long at) {
        lastDatagramAt.accumulateAndGet(at, Math::max);
    }

    /** Receive time of the newest datagram, epoch ms; 0 when none. */
    public long lastDatagramAt() {
        return lastDatagramAt.get();
    }

    /** All counters by name, in declaration order. */
    public Map<IngestCounter, Long> snapshot() {
        Map<IngestCounter, Long> map = new EnumMap<>(IngestCounter.class);
        for (IngestCounter c : ALL) {
            map.put(c, get(c));
        }
        return map;
    }
}
