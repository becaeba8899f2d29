package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The summary figures computed from a node's or a VM's newest two samples, without a database. */
class SummariesTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long U32 = 1L << 32;

    @Test
    void aRateIsTheCounterChangePerSecondBetweenTheTwoSamples() {
        Map<String, Object> s = Summaries.host(host(T0, 100, "bytes_in", 1_000L), host(T0 + 20_000, 120, "bytes_in",
                21_000L));
        assertEquals(20_000L, s.get("sample_interval"));
        assertEquals(1000.0, s.get("bytes_in_per_second"));
    }

    @Test
    void aThirtyTwoBitCounterThatWrappedCountsOnPastTheWrap() {
        Map<String, Object> s = Summaries.host(host(T0, 100, "reads", U32 - 100), host(T0 + 20_000, 120, "reads",
                100L));
        assertEquals(10.0, s.get("reads_per_second"));
    }

    @Test
    void aCounterThatWentBackwardsGivesNoRate() {
        Map<String, Object> s = Summaries.host(host(T0, 100, "bytes_in", 5_000L), host(T0 + 20_000, 120, "bytes_in",
                1_000L));
        assertNull(s.get("bytes_in_per_second"));
    }

    @Test
    void aThirtyTwoBitCounterResetFarBelowItsLastValueGivesNoRate() {
        Map<String, Object> s = Summaries.host(host(T0, 100, "reads", 1_000_000L), host(T0 + 20_000, 120,
                "reads", 10L));
        assertNull(s.get("reads_per_second"));
    }

    @Test
    void aNodeWhoseUptimeWentBackRebootedAndGivesNoRates() {
        Map<String, Object> s = Summaries.host(host(T0, 100_000, "bytes_in", 1_000L), host(T0 + 20_000, 15,
                "bytes_in", 21_000L));
        assertNull(s.get("bytes_in_per_second"));
        assertNull(s.get("cpu_utilisation"));
    }

    @Test
    void aSingleSampleHasNoIntervalAndNoRates() {
        Map<String, Object> s = Summaries.host(null, host(T0, 100, "bytes_in", 1_000L));
        assertNull(s.get("sample_interval"));
        assertNull(s.get("bytes_in_per_second"));
    }

    @Test
    void cpuUtilisationIsTheBusyShareOfAllCpuTimeWithIdleAndIoWaitNotBusy() {
        Map<String, Object> prev = cpuTimes(host(T0, 100, "bytes_in", 0L), 0, 0, 0);
        Map<String, Object> cur = cpuTimes(host(T0 + 1_000, 101, "bytes_in", 0L), 300, 100, 600);
        assertEquals(40.0, Summaries.host(prev, cur).get("cpu_utilisation"));
    }

    @Test
    void memoryUtilisationLeavesOutBuffersAndPageCache() {
        Map<String, Object> cur = host(T0, 100, "mem_total", 1_000L);
        cur.put("mem_free", 200L);
        cur.put("mem_buffers", 100L);
        cur.put("mem_cached", 100L);
        assertEquals(60.0, Summaries.host(null, cur).get("mem_utilisation"));
    }

    @Test
    void vcpuUtilisationIsCpuTimeOverElapsedTimeOfAllVcpus() {
        Map<String, Object> prev = vm(T0, 1, 10_000L);
        Map<String, Object> cur = vm(T0 + 1_000, 1, 10_500L);
        assertEquals(50.0, Summaries.vm(prev, cur).get("vcpu_utilisation"));
    }

    @Test
    void aVmThatMovedToAnotherNodeBetweenItsSamplesGivesNoRate() {
        Map<String, Object> prev = vm(T0, 1, 10_000L);
        Map<String, Object> cur = vm(T0 + 1_000, 2, 11_000L);
        assertNull(Summaries.vm(prev, cur).get("vcpu_utilisation"));
    }

    @Test
    void aSummaryIsMadeOfEachEntitysNewestSampleWithTheRequestedFieldsInOrder() {
        Map<String, Object> a1 = host(T0, 100, "bytes_in", 0L);
        Map<String, Object> a2 = host(T0 + 10_000, 110, "bytes_in", 10_000L);
        Map<String, Object> b1 = host(T0 + 5_000, 50, "bytes_in", 0L);
        b1.put("id", 2L);
        List<Map<String, Object>> out = Summaries.summarise(List.of(a1, a2, b1), false,
                List.of("timestamp", "bytes_in_per_second"), row -> new Reporting(true, null), null);
        assertEquals(2, out.size());
        assertEquals(List.of("timestamp", "bytes_in_per_second"), List.copyOf(out.get(0).keySet()));
        assertEquals(T0 + 10_000, out.get(0).get("timestamp"));
        assertEquals(1000.0, out.get(0).get("bytes_in_per_second"));
        assertNull(out.get(1).get("bytes_in_per_second"));
    }

    @Test
    void theReportingFilterKeepsOnlyTheEntitiesInTheStateAskedFor() {
        Map<String, Object> a = host(T0, 100, "bytes_in", 0L);
        Map<String, Object> b = host(T0, 100, "bytes_in", 0L);
        b.put("id", 2L);
        Reporting.Rule rule = new Reporting.Rule(3, T0 + 100_000);
        List<Map<String, Object>> silent = Summaries.summarise(List.of(a, b), false, List.of("reporting",
                "silent_since"), row -> rule.of(row.get("id").equals(2L) ? T0 + 90_000 : T0, 20_000), false);
        assertEquals(List.of(Map.of("reporting", false, "silent_since", T0 + 60_000)), silent);
    }

    private static Map<String, Object> host(long timestamp, long uptime, String column, long value) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 1L);
        row.put("timestamp", timestamp);
        row.put("cpu_uptime", uptime);
        row.put("cpu_num", 1L);
        row.put(column, value);
        return row;
    }

    private static Map<String, Object> cpuTimes(Map<String, Object> row, long user, long system, long idle) {
        row.put("cpu_user", user);
        row.put("cpu_system", system);
        row.put("cpu_idle", idle);
        for (String zero : List.of("cpu_nice", "cpu_waiting_io", "cpu_intr", "cpu_sintr", "cpu_steal")) {
            row.put(zero, 0L);
        }
        return row;
    }

    private static Map<String, Object> vm(long timestamp, long hostId, long cpuTime) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 7L);
        row.put("host_id", hostId);
        row.put("timestamp", timestamp);
        row.put("vcpu_cpu_count", 1L);
        row.put("vcpu_cpu_time", cpuTime);
        return row;
    }
}
