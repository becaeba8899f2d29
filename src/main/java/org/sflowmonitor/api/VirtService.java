package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.sflowmonitor.sflow.RecordNames;
import org.sflowmonitor.store.EntityFilter;
import org.sflowmonitor.store.LiveEntities;

record VirtService(EntityReads reads, AnswerCache answers) implements VirtApi {

    private static final FleetAnswers.Description<VmDescription> DESCRIPTION =
            new FleetAnswers.Description<>("virt.description", VmDescription.class);
    private static final FleetAnswers.Summary<VmSummary> SUMMARY = new FleetAnswers.Summary<>("virt.summary",
            Summaries.VM_FIELDS, VmSummary.class, SummaryRows::vms, VirtService::fromTables);

    @Override
    public Object description(VmNames vms, Boolean reporting, String mac, Paging paging) {
        return DESCRIPTION.answer(reads, answers, Arrays.asList(vms, reporting, mac), paging,
                () -> describe(vms, reporting, mac));
    }

    private SummaryRows.Rows<VmDescription> describe(VmNames vms, Boolean reporting, String mac) {
        EntityFilter filter = vms.filter().withMac(EntityLookup.mac(mac));
        Reporting.Rule rule = reads.reportingNow();
        List<Map<String, Object>> rows = reads.inventory().describeVms(filter);
        Map<Long, List<Map<String, Object>>> adapters = reads.inventory().adapters(true, filter);
        List<VmDescription> out = new ArrayList<>();
        ReportingFilter states = new ReportingFilter(rule, reporting, Long.MAX_VALUE);
        LiveEntities sights = reads.sights();
        for (Map<String, Object> row : rows) {
            long id = ((Number) row.get("id")).longValue();
            long lastSeen = lastSeen(row, sights);
            Reporting now = states.wanted(lastSeen, (Number) row.get("polling_interval"));
            if (now == null) {
                continue;
            }
            Object vcpuState = row.get("vcpu_state");
            String state = vcpuState == null ? null : RecordNames.virtState(((Number) vcpuState).longValue());
            out.add(new VmDescription((String) row.get("host_ip"), (String) row.get("uuid"), (String) row.get("uuid"),
                    (String) row.get("name"), state, (String) row.get("node_hostname"),
                    ((Number) row.get("first_seen")).longValue(), lastSeen, adapters.getOrDefault(id, List.of()),
                    now.reporting(), now.silentSince()));
        }
        return new SummaryRows.Rows<>(out, states.until());
    }

    /** The VM's newest sight: the table's last_seen or, when newer, the writer's (or the latest state's). */
    private static long lastSeen(Map<String, Object> row, LiveEntities sights) {
        return Math.max(((Number) row.get("last_seen")).longValue(),
                sights.vmLastSeen(((Number) row.get("id")).longValue()));
    }

    @Override
    public Object summary(VmNames vms, List<String> output, Boolean reporting, Paging paging) {
        return SUMMARY.answer(reads, answers, vms::filter, output, reporting, paging);
    }

    private static List<Map<String, Object>> fromTables(EntityReads reads, EntityFilter filter, List<String> fields,
                                                        Boolean reporting) {
        Reporting.Rule rule = reads.reportingNow();
        return Summaries.summaries(reads.latest().vms(filter, Summaries.VM_COLUMNS), true, fields,
                row -> rule.of(lastSeen(row, reads.live()), (Number) row.get("polling_interval")), reporting);
    }
}
