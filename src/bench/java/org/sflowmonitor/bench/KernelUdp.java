package org.sflowmonitor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's UDP drop counters, IPv4 and IPv6 together (the collector's dual-stack socket may
 * count under either): InErrors and RcvbufErrors of /proc/net/snmp and /proc/net/snmp6. They
 * are machine-wide: other programs' drops count too. Zero where /proc is missing.
 */
record KernelUdp(long inErrors, long rcvbufErrors) {

    static KernelUdp read() {
        long in = 0;
        long rcvbuf = 0;
        try {
            List<String> snmp = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < snmp.size(); i++) {
                if (snmp.get(i).startsWith("Udp:") && snmp.get(i + 1).startsWith("Udp:")) {
                    List<String> names = List.of(snmp.get(i).split("\\s+"));
                    String[] values = snmp.get(i + 1).split("\\s+");
                    in += Long.parseLong(values[names.indexOf("InErrors")]);
                    rcvbuf += Long.parseLong(values[names.indexOf("RcvbufErrors")]);
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/net/snmp6"))) {
                String[] kv = line.split("\\s+");
                if (kv[0].equals("Udp6InErrors")) {
                    in += Long.parseLong(kv[1]);
                } else if (kv[0].equals("Udp6RcvbufErrors")) {
                    rcvbuf += Long.parseLong(kv[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new KernelUdp(0, 0);
        }
        return new KernelUdp(in, rcvbuf);
    }

    KernelUdp minus(KernelUdp before) {
        return new KernelUdp(inErrors - before.inErrors, rcvbufErrors - before.rcvbufErrors);
    }
}
