package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sflowmonitor.sflow.RecordNames;
import org.sflowmonitor.store.EntityFilter;
import org.sflowmonitor.store.LiveEntities;

record HostService(EntityReads reads, AnswerCache answers) implements HostApi {

    private static final FleetAnswers.Description<HostDescription> DESCRIPTION =
            new FleetAnswers.Description<>("host.description", HostDescription.class);
    private static final FleetAnswers.Summary<HostSummary> SUMMARY = new FleetAnswers.Summary<>("host.summary",
            Summaries.HOST_FIELDS, HostSummary.class, SummaryRows::hosts, HostService::fromTables);

    @Override
    public Object description(NodeName node, Boolean reporting, String mac, Paging paging) {
        return DESCRIPTION.answer(reads, answers, Arrays.asList(node, reporting, mac), paging,
                () -> describe(node, reporting, mac));
    }

    private SummaryRows.Rows<HostDescription> describe(NodeName node, Boolean reporting, String mac) {
        EntityFilter filter = node.filter().withMac(EntityLookup.mac(mac));
        Reporting.Rule rule = reads.reportingNow();
        List<Map<String, Object>> rows = reads.inventory().describeHosts(filter);
        Map<Long, List<Map<String, Object>>> adapters = reads.inventory().adapters(false, filter);
        Map<Long, Long> reportingVms = null;
        long until = Long.MAX_VALUE;
        LiveEntities sights = reads.sights();
        if (sights.loaded()) {
            List<Long> ids = rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
            reportingVms = reportingVms(sights, ids, rule);
            until = vmsReportingUntil(sights, rule);
        }
        ReportingFilter states = new ReportingFilter(rule, reporting, until);
        List<HostDescription> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            long id = ((Number) row.get("id")).longValue();
            long lastSeen = Math.max(((Number) row.get("last_seen")).longValue(), sights.hostLastSeen(id));
            Number interval = (Number) row.get("polling_interval");
            Reporting state = states.wanted(lastSeen, interval);
            if (state == null) {
                continue;
            }
            out.add(new HostDescription((String) row.get("host_ip"), (String) row.get("hostname"),
                    name(row.get("machine_type"), true), name(row.get("os_name"), false),
                    (String) row.get("os_release"), (String) row.get("uuid"),
                    ((Number) row.get("first_seen")).longValue(), lastSeen, adapters.getOrDefault(id, List.of()),
                    reportingVms == null ? null : reportingVms.get(id),
                    reportingVms == null ? null : sights.hostVmCount(id),
                    interval == null ? null : interval.longValue(), state.reporting(), state.silentSince()));
        }
        return new SummaryRows.Rows<>(out, states.until());
    }

    /** Until when every VM the writer knows keeps its reporting state (and so each node's count of them). */
    private static long vmsReportingUntil(LiveEntities live, Reporting.Rule rule) {
        long[] until = {Long.MAX_VALUE};
        live.forEachVm((vmId, hostId, lastSeen) -> until[0] = Math.min(until[0],
                rule.until(lastSeen, live.hostPollingInterval(hostId))));
        return until[0];
    }

    /**
     * The VMs reporting on each node of {@code hosts}, by host id, counted from the writer's
     * live state (a count of vm rows per node would cost the call a query per node).
     */
    static Map<Long, Long> reportingVms(LiveEntities live, List<Long> hostIds, Reporting.Rule rule) {
        int bound = Math.toIntExact(hostIds.stream().mapToLong(Long::longValue).max().orElse(-1) + 1);
        // by host id, so that the pass over a million VMs costs no lookup and no allocation per VM
        long[] oldestReporting = new long[bound];
        java.util.Arrays.fill(oldestReporting, Long.MAX_VALUE);
        for (long id : hostIds) {
            oldestReporting[(int) id] = rule.oldestReporting(live.hostPollingInterval(id));
        }
        long[] counts = new long[bound];
        live.forEachVm((vmId, hostId, lastSeen) -> {
            if (hostId >= 0 && hostId < bound && lastSeen >= oldestReporting[(int) hostId]) {
                counts[(int) hostId]++;
            }
        });
        Map<Long, Long> out = new HashMap<>();
        hostIds.forEach(id -> out.put(id, counts[(int) (long) id]));
        return out;
    }

    private static String name(Object number, boolean machineType) {
        if (number == null) {
            return null;
        }
        long n = ((Number) number).longValue();
        return machineType ? RecordNames.machineType(n) : RecordNames.osName(n);
    }

    @Override
    public Object summary(NodeName node, List<String> output, Boolean reporting, Paging paging) {
        return SUMMARY.answer(reads, answers, node::filter, output, reporting, paging);
    }

    private static List<Map<String, Object>> fromTables(EntityReads reads, EntityFilter filter, List<String> fields,
                                                        Boolean reporting) {
        Reporting.Rule rule = reads.reportingNow();
        return Summaries.summaries(reads.latest().hosts(filter, Summaries.HOST_COLUMNS), false, fields,
                row -> rule.of(Math.max(((Number) row.get("last_seen")).longValue(),
                        reads.live().hostLastSeen(((Number) row.get("id")).longValue())),
                        (Number) row.get("polling_interval")), reporting);
    }
}
