package org.sflowmonitor.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;

import org.sflowmonitor.sflow.CounterRecord;

/**
 * The descriptive columns of the host and vm rows, written only when a sample's description
 * differs from what was last written (sent every polling interval, a description rarely
 * changes). Compares field by field with what {@link Entities.Host} and {@link Entities.Vm}
 * hold, so an unchanged description costs no allocation. Writer thread only.
 */
final class Descriptions {

    static final String DESCRIBE_HOST = "UPDATE host SET hostname = ?, uuid = ?, machine_type = ?, "
            + "os_name = ?, os_release = ? WHERE id = ?";
    static final String UPDATE_VM = "UPDATE vm SET host_id = ?, hostname = ?, ds_index = ? WHERE id = ?";

    private final EntityBatches batches;

    Descriptions(EntityBatches batches) {
        this.batches = batches;
    }

    /** Writes a node's description when it differs from the stored one. */
    void describeHost(Statements st, Entities.Host h, CounterRecord.HostDescr d) throws SQLException {
        if (!takeDescription(h, d)) {
            return;
        }
        PreparedStatement ps = batches.add(st, DESCRIBE_HOST);
        Parameters.of(ps).add(h.hostname).add(h.uuid).add(h.machineType).add(h.osName).add(h.osRelease).add(h.id);
        ps.addBatch();
    }

    /**
     * Sets the host's descriptive fields to the column values of {@code d}; false, and nothing
     * set, when they hold them already. A new host's row is inserted with them.
     */
    static boolean takeDescription(Entities.Host h, CounterRecord.HostDescr d) {
        String hostname = SqlValues.text(d.hostname(), 255);
        String uuid = isZero(d.uuid()) ? null : d.uuid().toString();
        Integer machineType = (int) d.machineType();
        Integer osName = (int) d.osName();
        String osRelease = SqlValues.text(d.osRelease(), 255);
        if (Objects.equals(hostname, h.hostname) && Objects.equals(uuid, h.uuid)
                && Objects.equals(machineType, h.machineType) && Objects.equals(osName, h.osName)
                && Objects.equals(osRelease, h.osRelease)) {
            return false;
        }
        h.hostname = hostname;
        h.uuid = uuid;
        h.machineType = machineType;
        h.osName = osName;
        h.osRelease = osRelease;
        return true;
    }

    /**
     * Writes where a known VM runs and its name when it moved to {@code host} or was renamed
     * ({@code hostname}, already cut to the column's length; null keeps the stored name).
     * Sets {@link Entities.Vm#hostname} but not its host: the caller moves the VM between its
     * hosts' counts.
     */
    void placeVm(Statements st, Entities.Vm v, Entities.Host host, String hostname, long dsIndex)
            throws SQLException {
        boolean moved = v.hostId != host.id;
        boolean renamed = hostname != null && !hostname.equals(v.hostname);
        if (!moved && !renamed) {
            return;
        }
        PreparedStatement ps = batches.add(st, UPDATE_VM);
        Parameters.of(ps).add(host.id).add(renamed ? hostname : v.hostname).add(dsIndex).add(v.id);
        ps.addBatch();
        v.hostname = renamed ? hostname : v.hostname;
    }

    private static boolean isZero(UUID uuid) {
        return uuid == null || (uuid.getMostSignificantBits() == 0 && uuid.getLeastSignificantBits() == 0);
    }
}
