package org.sflowmonitor.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The kernel's UDP receive-buffer drop counters of this network namespace (all sockets, not
 * only ours): {@code RcvbufErrors} of /proc/net/snmp plus {@code Udp6RcvbufErrors} of
 * /proc/net/snmp6. -1 when they cannot be read (not Linux).
 */
final class KernelUdpCounters {

    private KernelUdpCounters() {
    }

    static long receiveBufferErrors() {
        try {
            return udp4("RcvbufErrors") + udp6("Udp6RcvbufErrors");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** net.core.rmem_max: the largest receive buffer a socket may have; 212992 (a common default) when unknown. */
    static long maxReceiveBuffer() {
        try {
            return Long.parseLong(Files.readString(Path.of("/proc/sys/net/core/rmem_max")).strip());
        } catch (IOException | RuntimeException e) {
            return 212_992;
        }
    }

    private static long udp4(String name) throws IOException {
        List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream()
                .filter(l -> l.startsWith("Udp: ")).toList();
        List<String> names = Arrays.asList(udp.get(0).split("\\s+"));
        return Long.parseLong(udp.get(1).split("\\s+")[names.indexOf(name)]);
    }

    private static long udp6(String name) throws IOException {
        Path snmp6 = Path.of("/proc/net/snmp6");
        if (!Files.exists(snmp6)) {
            return 0;
        }
        return Files.readAllLines(snmp6).stream().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "\t"))
                .mapToLong(l -> Long.parseLong(l.split("\\s+")[1])).sum();
    }
}
