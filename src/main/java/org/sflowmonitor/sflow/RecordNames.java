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
        CounterFormat known = CounterFormat.of(format);
        return known == null ? "unknown" : known.recordName;
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
