package org.sflowmonitor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.function.LongFunction;
import java.util.Set;

import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.MacAddress;

/**
 * The host_adapter and vm_adapter rows: replaced, all of an entity's at once, when a sample's
 * adapter list differs from the stored one (compared by {@link AdapterFingerprint}, so an
 * unchanged list costs no write). Writer thread only.
 */
final class AdapterRows {

    static final String DELETE_HOST_ADAPTERS = "DELETE FROM host_adapter WHERE host_id = ?";
    static final String INSERT_HOST_ADAPTER = "INSERT INTO host_adapter (host_id, if_index, mac) VALUES (?, ?, ?)";
    static final String DELETE_VM_ADAPTERS = "DELETE FROM vm_adapter WHERE vm_id = ?";
    static final String INSERT_VM_ADAPTER = "INSERT INTO vm_adapter (vm_id, if_index, mac) VALUES (?, ?, ?)";

    private final EntityBatches batches;
    private final AdapterFingerprint fingerprint = new AdapterFingerprint();
    /** Entities whose adapters are replaced in the pending batches (a second change must run them first). */
    private final Set<Entities.Entity> replacing = new HashSet<>();

    AdapterRows(EntityBatches batches) {
        this.batches = batches;
    }

    /**
     * Sets each entity's {@link Entities.Entity#adapterFingerprint} from its stored rows, and the
     * VMs' MAC keys in {@code vmKeys} (null: none kept).
     */
    static void load(Statement s, LongFunction<? extends Entities.Entity> hostsById,
                     LongFunction<? extends Entities.Entity> vmsById, VmKeys vmKeys) throws SQLException {
        load(s, "SELECT host_id, if_index, mac FROM host_adapter", hostsById, null);
        load(s, "SELECT vm_id, if_index, mac FROM vm_adapter", vmsById, vmKeys);
    }

    private static void load(Statement s, String sql, LongFunction<? extends Entities.Entity> byId, VmKeys keys)
            throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Entities.Entity e = byId.apply(rs.getLong(1));
                if (e != null) {
                    long mac = MacAddress.parse(rs.getString(3)).value();
                    e.hasAdapterRows = true;
                    e.adapterFingerprint = AdapterFingerprint.plus(e.adapterFingerprint, rs.getLong(2), mac);
                    if (keys != null) {
                        keys.addMac(e.id, mac);
                    }
                }
            }
        }
    }

    /** The distinct MACs of the adapters, for {@link VmKeys#macsReplaced}. */
    static long[] macs(CounterRecord.HostAdapters adapters) {
        return adapters.adapters().stream().flatMap(a -> a.macAddresses().stream()).mapToLong(MacAddress::value)
                .distinct().toArray();
    }

    /** Replaces the stored adapters of the host when they changed; true when they did. */
    boolean replaceHost(Statements st, Entities.Host h, CounterRecord.HostAdapters adapters) throws SQLException {
        return replace(st, DELETE_HOST_ADAPTERS, INSERT_HOST_ADAPTER, h, adapters);
    }

    /** Replaces the stored adapters of the VM when they changed; true when they did. */
    boolean replaceVm(Statements st, Entities.Vm v, CounterRecord.HostAdapters adapters) throws SQLException {
        return replace(st, DELETE_VM_ADAPTERS, INSERT_VM_ADAPTER, v, adapters);
    }

    /** The pending batches ran or were dropped: no replacement is pending any more. */
    void batchesDone() {
        replacing.clear();
    }

    private boolean replace(Statements st, String deleteSql, String insertSql, Entities.Entity e,
                            CounterRecord.HostAdapters adapters) throws SQLException {
        long now = fingerprint.of(adapters.adapters());
        if (now == e.adapterFingerprint) {
            return false;
        }
        if (!replacing.add(e)) {
            batches.execute(st); // the first replacement must be done before the second one's delete
            replacing.clear();
            replacing.add(e);
        }
        if (e.hasAdapterRows) {
            PreparedStatement delete = batches.add(st, deleteSql);
            Parameters.of(delete).add(e.id);
            delete.addBatch();
            e.hasAdapterRows = false;
        }
        Set<MacKey> written = new HashSet<>();
        for (CounterRecord.HostAdapter a : adapters.adapters()) {
            for (MacAddress mac : a.macAddresses()) {
                if (written.add(new MacKey(a.ifIndex(), mac.value()))) {
                    PreparedStatement insert = batches.add(st, insertSql);
                    Parameters.of(insert).add(e.id).add(a.ifIndex()).add(mac.toString());
                    insert.addBatch();
                    e.hasAdapterRows = true;
                }
            }
        }
        e.adapterFingerprint = now;
        return true;
    }

    private record MacKey(long ifIndex, long mac) {
    }
}
