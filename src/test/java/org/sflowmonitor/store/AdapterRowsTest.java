package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.sflowmonitor.sflow.CounterRecord.HostAdapter;
import org.sflowmonitor.sflow.CounterRecord.HostAdapters;
import org.sflowmonitor.sflow.MacAddress;

/** Adapter rows are replaced only when a sample's list differs from the stored one. */
class AdapterRowsTest extends EntitiesOnH2 {

    private static final MacAddress A = MacAddress.parse("52:54:00:12:34:56");
    private static final MacAddress B = MacAddress.parse("52:54:00:ab:cd:ef");
    private static final HostAdapters REPEATED_PAIR = new HostAdapters(List.of(new HostAdapter(1, List.of(A, A)),
            new HostAdapter(1, List.of(A)), new HostAdapter(2, List.of(B))));

    private void commit() throws Exception {
        entities.executePending(st);
        st.commit();
    }

    private long rows(String table) throws Exception {
        try (Statement s = st.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aListWithARepeatedPairIsStoredOnceAndNotSeenAsChangedByTheNextIdenticalSample() throws Exception {
        Entities.Host host = entities.host(st, "10.0.0.1", T0);
        assertTrue(entities.hostAdapters(st, host, REPEATED_PAIR));
        commit();
        assertEquals(2, rows("host_adapter"));

        assertFalse(entities.hostAdapters(st, host, REPEATED_PAIR));
    }

    @Test
    void aListWithARepeatedPairComparesEqualToItsStoredRowsAfterAReload() throws Exception {
        Entities.Host host = entities.host(st, "10.0.0.1", T0);
        Entities.Vm vm = entities.vm(st, new UUID(1, 1), host, "vm", 1, T0);
        entities.hostAdapters(st, host, REPEATED_PAIR);
        entities.vmAdapters(st, vm, REPEATED_PAIR);
        commit();

        entities.load(st);
        Entities.Host reloadedHost = entities.host(st, "10.0.0.1", T0);
        Entities.Vm reloadedVm = entities.vm(st, new UUID(1, 1), reloadedHost, "vm", 1, T0);
        assertFalse(entities.hostAdapters(st, reloadedHost, REPEATED_PAIR));
        assertFalse(entities.vmAdapters(st, reloadedVm, REPEATED_PAIR));
    }

    @Test
    void aChangedListReplacesTheStoredRows() throws Exception {
        Entities.Host host = entities.host(st, "10.0.0.1", T0);
        entities.hostAdapters(st, host, REPEATED_PAIR);
        commit();

        assertTrue(entities.hostAdapters(st, host, new HostAdapters(List.of(new HostAdapter(3, List.of(B))))));
        commit();
        assertEquals(1, rows("host_adapter"));
    }

    @Test
    void twoChangesInOneBatchLeaveTheSecondList() throws Exception {
        Entities.Host host = entities.host(st, "10.0.0.1", T0);
        entities.hostAdapters(st, host, REPEATED_PAIR);
        entities.hostAdapters(st, host, new HostAdapters(List.of(new HostAdapter(3, List.of(B)))));
        commit();
        assertEquals(1, rows("host_adapter"));
    }
}
