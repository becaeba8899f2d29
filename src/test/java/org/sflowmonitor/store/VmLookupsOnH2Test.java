package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.sflowmonitor.sflow.CounterRecord.HostAdapter;
import org.sflowmonitor.sflow.CounterRecord.HostAdapters;
import org.sflowmonitor.sflow.MacAddress;

/**
 * On H2 the lookups by a VM's name and MAC take their candidates from the writer's
 * {@link VmKeys} and answer as the tables do at every moment: a VM is found by what is
 * committed, before and after the writer's change commits, and after a rollback.
 */
class VmLookupsOnH2Test extends EntitiesOnH2 {

    private static final UUID VM = new UUID(1, 1);
    private static final String NODE_MAC = "3c:ec:ef:00:00:01";

    private Inventory inventory() {
        return new Inventory(new Queries(db, 10), entities.live().vmKeys());
    }

    private static HostAdapters adapters(String... macs) {
        return new HostAdapters(List.of(new HostAdapter(17,
                java.util.Arrays.stream(macs).map(MacAddress::parse).toList())));
    }

    private Entities.Vm vm(String name, String... macs) throws Exception {
        Entities.Host host = entities.host(st, "10.0.0.1", T0);
        entities.hostAdapters(st, host, adapters(NODE_MAC));
        Entities.Vm v = entities.vm(st, VM, host, name, 1, T0);
        entities.vmAdapters(st, v, adapters(macs));
        return v;
    }

    private void commit() throws Exception {
        entities.executePending(st);
        st.commit();
        entities.committed();
    }

    private List<String> vmsNamed(String name) {
        return inventory().findVms(new EntityFilter(null, name, null)).stream().map(r -> (String) r.get("uuid"))
                .toList();
    }

    private List<String> vmsWithMac(String mac) {
        return inventory().describeVms(new EntityFilter(null, null, null, mac)).stream()
                .map(r -> (String) r.get("uuid")).toList();
    }

    private List<String> nodesWithMac(String mac) {
        return inventory().describeHosts(new EntityFilter(null, null, null, mac)).stream()
                .map(r -> (String) r.get("host_ip")).toList();
    }

    @Test
    void theKeysAreLoadedOnH2() {
        assertTrue(entities.live().vmKeys().loaded());
    }

    @Test
    void aCommittedVmIsFoundByItsNameAndItsMacAndItsNodeByTheVmsMac() throws Exception {
        vm("instance-1", "52:54:00:00:00:01");
        commit();
        assertEquals(List.of(VM.toString()), vmsNamed("instance-1"));
        assertEquals(List.of(VM.toString()), vmsWithMac("52:54:00:00:00:01"));
        assertEquals(List.of("10.0.0.1"), nodesWithMac("52:54:00:00:00:01"));
        assertEquals(List.of("10.0.0.1"), nodesWithMac(NODE_MAC));
        assertEquals(List.of(), vmsNamed("instance-2"));
        assertEquals(List.of(), vmsWithMac("52:54:00:00:00:02"));
        assertEquals(List.of(), nodesWithMac("52:54:00:00:00:02"));
    }

    @Test
    void aVmNotCommittedYetIsNotFound() throws Exception {
        vm("instance-1", "52:54:00:00:00:01");
        assertEquals(List.of(), vmsNamed("instance-1"));
        assertEquals(List.of(), vmsWithMac("52:54:00:00:00:01"));
    }

    @Test
    void aRenamedVmIsFoundByItsOldNameUntilTheRenameCommitsThenByItsNewOneOnly() throws Exception {
        Entities.Vm v = vm("instance-1", "52:54:00:00:00:01");
        commit();
        entities.vm(st, VM, entities.host(st, "10.0.0.1", T0), "instance-renamed", 1, T0);
        entities.executePending(st);
        assertEquals(List.of(VM.toString()), vmsNamed("instance-1"));
        assertEquals(List.of(), vmsNamed("instance-renamed"));
        st.commit();
        entities.committed();
        assertEquals(List.of(), vmsNamed("instance-1"));
        assertEquals(List.of(VM.toString()), vmsNamed("instance-renamed"));
        assertEquals("instance-renamed", v.hostname);
    }

    @Test
    void aVmWhoseMacChangedIsFoundByItsOldMacUntilTheChangeCommitsThenByItsNewOneOnly() throws Exception {
        Entities.Vm v = vm("instance-1", "52:54:00:00:00:01");
        commit();
        entities.vmAdapters(st, v, adapters("52:54:00:00:00:02"));
        entities.executePending(st);
        assertEquals(List.of(VM.toString()), vmsWithMac("52:54:00:00:00:01"));
        st.commit();
        entities.committed();
        assertEquals(List.of(), vmsWithMac("52:54:00:00:00:01"));
        assertEquals(List.of(VM.toString()), vmsWithMac("52:54:00:00:00:02"));
        assertEquals(List.of("10.0.0.1"), nodesWithMac("52:54:00:00:00:02"));
    }

    @Test
    void aVmWithFiveMacsIsFoundByEachOfThemAlsoAfterAReload() throws Exception {
        String[] macs = {"52:54:00:00:00:01", "52:54:00:00:00:02", "52:54:00:00:00:03", "52:54:00:00:00:04",
            "52:54:00:00:00:05"};
        vm("instance-1", macs);
        commit();
        for (String mac : macs) {
            assertEquals(List.of(VM.toString()), vmsWithMac(mac), mac);
        }
        entities.load(st);
        for (String mac : macs) {
            assertEquals(List.of(VM.toString()), vmsWithMac(mac), mac);
        }
        assertEquals(List.of(VM.toString()), vmsNamed("instance-1"));
    }

    @Test
    void afterARollbackTheReloadedKeysFindWhatTheTablesHold() throws Exception {
        Entities.Vm v = vm("instance-1", "52:54:00:00:00:01");
        commit();
        entities.vm(st, VM, entities.host(st, "10.0.0.1", T0), "instance-renamed", 1, T0);
        entities.vmAdapters(st, v, adapters("52:54:00:00:00:02"));
        entities.executePending(st);
        st.rollback();
        entities.load(st);
        assertEquals(List.of(VM.toString()), vmsNamed("instance-1"));
        assertEquals(List.of(VM.toString()), vmsWithMac("52:54:00:00:00:01"));
        assertEquals(List.of(), vmsNamed("instance-renamed"));
        assertEquals(List.of(), vmsWithMac("52:54:00:00:00:02"));
    }

    @Test
    void aWildcardNameReadsTheTable() throws Exception {
        vm("instance-1", "52:54:00:00:00:01");
        commit();
        List<Map<String, Object>> found = inventory().findVms(new EntityFilter(null, "inst*-1", null));
        assertEquals(1, found.size());
    }

    @Test
    void withoutLoadedKeysTheLookupsReadTheTablesAndAnswerTheSame() throws Exception {
        vm("instance-1", "52:54:00:00:00:01");
        commit();
        Inventory tablesOnly = new Inventory(new Queries(db, 10), new VmKeys());
        assertEquals(1, tablesOnly.findVms(new EntityFilter(null, "instance-1", null)).size());
        assertEquals(1, tablesOnly.describeVms(new EntityFilter(null, null, null, "52:54:00:00:00:01")).size());
        assertEquals(1, tablesOnly.describeHosts(new EntityFilter(null, null, null, "52:54:00:00:00:01")).size());
        assertFalse(new VmKeys().loaded());
        assertNull(new VmKeys().named("instance-1"));
    }
}
