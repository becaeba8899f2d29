package org.sflowmonitor.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The CPU one lookup by VM name and one by MAC take from {@link VmKeys} on H2 (a search of every
 * VM's key until the keys had an index, {@link KeyIndex}), with the keys of a fleet of VMS VMs (one
 * name and one MAC each) in memory. Not a unit test. Run with:
 * <pre>
 * java -cp $CP org.sflowmonitor.store.VmKeysScanCost [vms=1000000] [rounds=5]
 * </pre>
 */
public final class VmKeysScanCost {

    private static final int LOOKUPS = 50;

    private VmKeysScanCost() {
    }

    public static void main(String[] args) {
        int vms = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        VmKeys keys = new VmKeys();
        for (int i = 1; i <= vms; i++) {
            keys.put(i, "instance-" + i);
            keys.addMac(i, 0x525400000000L + i);
        }
        keys.markLoaded();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < LOOKUPS; k++) {
                keys.named("instance-" + (k * 1000 + 7));
            }
            long named = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < LOOKUPS; k++) {
                keys.withMac(String.format(Locale.ROOT, "52:54:00:00:%02x:%02x", k, k));
            }
            long byMac = threads.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "%,d VMs: by name %.2f ms, by MAC %.2f ms of CPU a lookup%n", vms,
                    (named - start) / (LOOKUPS * 1e6), (byMac - named) / (LOOKUPS * 1e6));
        }
    }
}
