package org.sflowmonitor.sflow;

import java.util.List;

/** Names of counter record formats and of the enumerations in host records (reference section 5). */
public final class RecordNames {

    private static final List<String> MACHINE_TYPES = List.of("unknown", "other", "x86", "x86_64", "ia64",
            "sparc", "alpha", "powerpc", "m68k", "mips", "arm", "hppa", "s390");
    private static final List<String> OS_NAMES = List.of("unknown", "other", "linux", "windows", "darwin",
            "hpux", "aix", "dragonfly", "freebsd", "netbsd", "openbsd", "osf", "solaris");
    private static final List<String> VIRT_STATES = List.of("nostate", "running", "blocked", "paused",
            "shutdown", "shutoff", "crashed", "pmsuspended");

    private RecordNames() {
    }

    /** The reference's name of a standard (enterprise 0) counter record format, or "unknown". */
    public static String counterRecordName(int format) {
        return switch (format) {
            case CounterRecord.IfCounters.FORMAT -> "if_counters";
            case CounterRecord.EthernetCounters.FORMAT -> "ethernet_counters";
            case CounterRecord.VlanCounters.FORMAT -> "vlan_counters";
            case CounterRecord.Processor.FORMAT -> "processor";
            case CounterRecord.PortName.FORMAT -> "port_name";
            case CounterRecord.HostDescr.FORMAT -> "host_descr";
            case CounterRecord.HostAdapters.FORMAT -> "host_adapters";
            case CounterRecord.HostParent.FORMAT -> "host_parent";
            case CounterRecord.HostCpu.FORMAT -> "host_cpu";
            case CounterRecord.HostMemory.FORMAT -> "host_memory";
            case CounterRecord.HostDiskIo.FORMAT -> "host_disk_io";
            case CounterRecord.HostNetIo.FORMAT -> "host_net_io";
            case CounterRecord.MibIp.FORMAT -> "mib2_ip_group";
            case CounterRecord.MibIcmp.FORMAT -> "mib2_icmp_group";
            case CounterRecord.MibTcp.FORMAT -> "mib2_tcp_group";
            case CounterRecord.MibUdp.FORMAT -> "mib2_udp_group";
            case CounterRecord.VirtNode.FORMAT -> "virt_node";
            case CounterRecord.VirtCpu.FORMAT -> "virt_cpu";
            case CounterRecord.VirtMemory.FORMAT -> "virt_memory";
            case CounterRecord.VirtDiskIo.FORMAT -> "virt_disk_io";
            case CounterRecord.VirtNetIo.FORMAT -> "virt_net_io";
            default -> "unknown";
        };
    }

    /** host_descr machine_type as its name; numbers beyond the known list as "type_N". */
    public static String machineType(long value) {
        return name(MACHINE_TYPES, value, "type_");
    }

    /** host_descr os_name as its name; numbers beyond the known list as "os_N". */
    public static String osName(long value) {
        return name(OS_NAMES, value, "os_");
    }

    /** virt_cpu state (libvirt virDomainState) as its name; others as "state_N". */
    public static String virtState(long value) {
        return name(VIRT_STATES, value, "state_");
    }

    private static String name(List<String> names, long value, String prefix) {
        return value >= 0 && value < names.size() ? names.get((int) value) : prefix + value;
    }
}
