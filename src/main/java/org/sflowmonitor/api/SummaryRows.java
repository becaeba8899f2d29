package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

import org.sflowmonitor.store.EntityFilter;
import org.sflowmonitor.store.LatestState;
import org.sflowmonitor.store.LiveEntities;

/**
 * host.summary's and virt.summary's rows from the {@link LatestState}: each entity's figures
 * (its rates) are computed once per new sample and kept beside the entry they came from; a call
 * only adds each entity's reporting state at its instant (a row whose state did not change is
 * the same object again, its JSON written once) and the filters.
 */
final class SummaryRows {

    /** What was made of one entry of the latest state: the row without and with the reporting state. */
    private record Made<E, R extends Record>(E entry, R row, Reporting state, WrittenRow<R> reported) {
    }

    /** The rows of a call and until when their reporting states hold ({@link Reporting.Rule#until}). */
    record Rows<R>(List<R> rows, long validUntil) {
    }

    private final LatestState state;
    private final LiveEntities live;
    private final Map<Long, Made<LatestState.Host, HostSummary>> hosts = new ConcurrentHashMap<>();
    private final Map<Long, Made<LatestState.Vm, VmSummary>> vms = new ConcurrentHashMap<>();

    SummaryRows(LatestState state, LiveEntities live) {
        this.state = state;
        this.live = live;
    }

    /** The nodes' rows matching the filter and the reporting filter, by host id. */
    Rows<WrittenRow<HostSummary>> hosts(EntityFilter filter, Reporting.Rule rule, Boolean reporting) {
        return rows(state.hosts(filter), h -> live.hostLastSeen(h.id()), LatestState.Host::id, hosts, Summaries::host,
                HostSummary::with, rule, reporting);
    }

    /** The VMs' rows matching the filter and the reporting filter, by VM id. */
    Rows<WrittenRow<VmSummary>> vms(EntityFilter filter, Reporting.Rule rule, Boolean reporting) {
        return rows(state.vms(filter), v -> live.vmLastSeen(v.id()), LatestState.Vm::nodeId, vms, Summaries::vm,
                VmSummary::with, rule, reporting);
    }

    /**
     * The rows of these entries in the state asked for; {@code liveLastSeen} is the writer's
     * sight of an entry's entity, {@code node} the host id whose polling interval applies.
     */
    private <E extends LatestState.Entry, R extends Record> Rows<WrittenRow<R>> rows(List<E> entries, ToLongFunction<E> liveLastSeen,
                                                          ToLongFunction<E> node, Map<Long, Made<E, R>> memo,
                                                          BiFunction<Summaries.Fields, Summaries.Fields, R> figures,
                                                          BiFunction<R, Reporting, R> with, Reporting.Rule rule,
                                                          Boolean reporting) {
        List<WrittenRow<R>> out = new ArrayList<>();
        ReportingFilter states = new ReportingFilter(rule, reporting, Long.MAX_VALUE);
        for (E e : entries) {
            long lastSeen = Math.max(e.lastSeen(), liveLastSeen.applyAsLong(e));
            Reporting now = states.wanted(lastSeen, state.pollingInterval(node.applyAsLong(e)));
            if (now != null) {
                out.add(made(memo, e, now, figures, with));
            }
        }
        return new Rows<>(out, states.until());
    }

    private static <E extends LatestState.Entry, R extends Record> WrittenRow<R> made(Map<Long, Made<E, R>> memo, E entry, Reporting now,
                                                           BiFunction<Summaries.Fields, Summaries.Fields, R> figures,
                                                           BiFunction<R, Reporting, R> with) {
        Made<E, R> m = memo.get(entry.id());
        if (m != null && m.entry() == entry) {
            if (m.state().equals(now)) {
                return m.reported();
            }
            WrittenRow<R> reported = new WrittenRow<>(with.apply(m.row(), now));
            memo.put(entry.id(), new Made<>(entry, m.row(), now, reported));
            return reported;
        }
        R row = figures.apply(entry.previous() == null ? null : entry::previous, entry::newest);
        WrittenRow<R> reported = new WrittenRow<>(with.apply(row, now));
        memo.put(entry.id(), new Made<>(entry, row, now, reported));
        return reported;
    }
}
