package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DescriptionRowsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aHostDescriptionIsWrittenWithTheOriginalFieldNamesInTheirOrder() {
        HostDescription row = new HostDescription("10.0.0.1", "kvm1", "x86_64", "linux", "6.1", "u", 1L, 2L,
                List.of(), null, null, null, true, null);
        assertEquals(List.of("host_ip", "hostname", "machine_type", "os_name", "os_release", "uuid", "first_seen",
                "last_seen", "adapters", "vm_count", "vm_count_seen", "polling_interval", "reporting", "silent_since"),
                fieldNames(row));
    }

    @Test
    void aVmDescriptionIsWrittenWithTheOriginalFieldNamesInTheirOrder() {
        VmDescription row = new VmDescription("10.0.0.1", "u", "u", "vm1", "running", "kvm1", 1L, 2L, List.of(),
                true, null);
        assertEquals(List.of("host_ip", "hostname", "uuid", "name", "state", "node_hostname", "first_seen",
                "last_seen", "adapters", "reporting", "silent_since"), fieldNames(row));
    }

    private static List<String> fieldNames(Object row) {
        JsonNode written = MAPPER.valueToTree(row);
        List<String> names = new ArrayList<>();
        written.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
