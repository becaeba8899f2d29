package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sflowmonitor.sflow.RecordNames;
import org.sflowmonitor.store.EntityFilter;
import org.sflowmonitor.store.LiveEntities;

final class VirtService implements VirtApi {

    private static final List<String> DESCRIPTION_FIELDS = Page.sortableFields(VmDescription.class);

    private final EntityReads reads;
    private final AnswerCache answers;

    VirtService(EntityReads reads, AnswerCache answers) {
        this.reads = reads;
        this.answers = answers;
    }

    @Override
    public Object description(String hostname, String uuid, String name, String ip, String hostIp,
                              Boolean reporting, String mac, String sortfield, String sortorder, Integer limit,
                              Integer offset, Boolean total) {
        Page page = Page.of(sortfield, sortorder, limit, offset, total, DESCRIPTION_FIELDS, reads.series().maxLimit());
        return answers.get(Arrays.asList("virt.description", hostname, uuid, name, ip, hostIp, reporting, mac, page),
                reads.state().generation(), System.currentTimeMillis(), () -> {
                    SummaryRows.Rows<VmDescription> rows = describe(hostname, uuid, name, ip, hostIp, reporting, mac);
                    return new AnswerCache.Computed(page.applyToRecords(rows.rows(), VmDescription.class),
                            rows.validUntil());
                });
    }

    private SummaryRows.Rows<VmDescription> describe(String hostname, String uuid, String name, String ip, String hostIp,
                                         Boolean reporting, String mac) {
        EntityFilter filter = filter(hostname, uuid, name, ip, hostIp).withMac(EntityLookup.mac(mac));
        Reporting.Rule rule = reads.reportingNow();
        List<Map<String, Object>> rows = reads.inventory().describeVms(filter);
        Map<Long, List<Map<String, Object>>> adapters = reads.inventory().adapters(true, filter);
        List<VmDescription> out = new ArrayList<>();
        long until = Long.MAX_VALUE;
        LiveEntities sights = reads.sights();
        for (Map<String, Object> row : rows) {
            long id = ((Number) row.get("id")).longValue();
            long lastSeen = lastSeen(row, sights);
            Reporting now = rule.of(lastSeen, (Number) row.get("polling_interval"));
            until = Math.min(until, rule.until(lastSeen, (Number) row.get("polling_interval")));
            if (!Reporting.Rule.wanted(reporting, now)) {
                continue;
            }
            Object vcpuState = row.get("vcpu_state");
            String state = vcpuState == null ? null : RecordNames.virtState(((Number) vcpuState).longValue());
            out.add(new VmDescription((String) row.get("host_ip"), (String) row.get("uuid"), (String) row.get("uuid"),
                    (String) row.get("name"), state, (String) row.get("node_hostname"),
                    ((Number) row.get("first_seen")).longValue(), lastSeen, adapters.getOrDefault(id, List.of()),
                    now.reporting(), now.silentSince()));
        }
        return new SummaryRows.Rows<>(out, until);
    }

    /** The VM's newest sight: the table's last_seen or, when newer, the writer's (or the latest state's). */
    private static long lastSeen(Map<String, Object> row, LiveEntities sights) {
        return Math.max(((Number) row.get("last_seen")).longValue(),
                sights.vmLastSeen(((Number) row.get("id")).longValue()));
    }

    /**
     * The VMs the description and summary filters name. hostname is the original's id: a UUID, or
     * else a libvirt name (which may hold * wildcards, as name may).
     */
    private static EntityFilter filter(String hostname, String uuid, String name, String ip, String hostIp) {
        EntityFilter node = EntityLookup.nodeFilter(ip, hostIp, null, null);
        String byUuid = uuid;
        String byName = name;
        if (hostname != null) {
            boolean isUuid = EntityLookup.isUuid(hostname);
            String other = isUuid ? byUuid : byName;
            if (other != null && !other.equalsIgnoreCase(hostname)) {
                throw RpcException.invalidParams("hostname '" + hostname + "' and " + (isUuid ? "uuid" : "name")
                        + " '" + other + "' disagree; give one");
            }
            if (isUuid) {
                byUuid = hostname;
            } else {
                byName = hostname;
            }
        }
        return new EntityFilter(node.hostIp(), byName, byUuid == null ? null : byUuid.toLowerCase(Locale.ROOT));
    }

    @Override
    public Object summary(String hostname, String uuid, String name, String ip, String hostIp, List<String> output,
                          Boolean reporting, String sortfield, String sortorder, Integer limit, Integer offset,
                          Boolean total) {
        Page page = Page.of(sortfield, sortorder, limit, offset, total, Summaries.VM_FIELDS,
                reads.series().maxLimit());
        List<String> fields = Selection.output(output, Summaries.VM_FIELDS);
        page.requireSortFieldIn(fields);
        EntityFilter filter = filter(hostname, uuid, name, ip, hostIp);
        if (!reads.state().loaded()) {
            return page.applyToMaps(fromTables(filter, fields, reporting));
        }
        return answers.get(Arrays.asList("virt.summary", filter, reporting, page, fields), reads.state().generation(),
                System.currentTimeMillis(), () -> {
                    SummaryRows.Rows<WrittenRow<VmSummary>> rows = reads.summaries().vms(filter, reads.reportingNow(), reporting);
                    return new AnswerCache.Computed(page.applyToWritten(rows.rows(), VmSummary.class, fields),
                            rows.validUntil());
                });
    }

    /** The summary read from the latest tables, while the writer has not loaded them into memory. */
    private List<Map<String, Object>> fromTables(EntityFilter filter, List<String> fields, Boolean reporting) {
        Reporting.Rule rule = reads.reportingNow();
        return Summaries.summaries(reads.latest().vms(filter, Summaries.VM_COLUMNS), true, fields,
                row -> rule.of(lastSeen(row, reads.live()), (Number) row.get("polling_interval")), reporting);
    }
}
