package org.sflowmonitor.api;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.sflowmonitor.store.Queries;

final class VirtService implements VirtApi {

    private static final long WINDOW_MILLIS = 10 * 60 * 1000;

    private final Queries queries;

    VirtService(Queries queries) {
        this.queries = queries;
    }

    @Override
    public List<Map<String, Object>> memory(String hostname, Long timestamp) {
        long till = timestamp == null ? System.currentTimeMillis() : timestamp;
        try {
            return queries.rows("SELECT h.host_ip, s.ts AS \"timestamp\", v.uuid AS hostname, s.vmem_memory, "
                    + "s.vmem_max_memory FROM vm_sample s JOIN vm v ON v.id = s.vm_id JOIN host h ON h.id = s.host_id "
                    + "WHERE (v.uuid = ? OR v.hostname = ?) AND s.ts > ? AND s.ts <= ? ORDER BY s.ts",
                    hostname, hostname, till - WINDOW_MILLIS, till);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
