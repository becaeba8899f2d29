package org.sflowmonitor.api;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.sflowmonitor.sflow.RecordNames;
import org.sflowmonitor.store.Queries;

final class HostService implements HostApi {

    private final Queries queries;

    HostService(Queries queries) {
        this.queries = queries;
    }

    @Override
    public List<Map<String, Object>> description() {
        try {
            List<Map<String, Object>> rows = queries.rows("SELECT host_ip, hostname, machine_type, os_name, os_release "
                    + "FROM host ORDER BY host_ip");
            for (Map<String, Object> row : rows) {
                row.computeIfPresent("machine_type", (k, v) -> RecordNames.machineType(((Number) v).longValue()));
                row.computeIfPresent("os_name", (k, v) -> RecordNames.osName(((Number) v).longValue()));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
