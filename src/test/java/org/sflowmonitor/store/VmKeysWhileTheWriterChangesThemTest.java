package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import org.sflowmonitor.sflow.MacAddress;

/**
 * A lookup reads the keys while the writer changes them: whatever the writer does meanwhile, a
 * key the VM had before and still has after the change is never missing from the candidates.
 */
class VmKeysWhileTheWriterChangesThemTest {

    private static final int FLEET = 200_000;
    private static final long VM = 3;
    private static final long A = MacAddress.parse("52:54:00:00:00:0a").value();
    private static final long B = MacAddress.parse("52:54:00:00:00:0b").value();
    private static final long C = MacAddress.parse("52:54:00:00:00:0c").value();
    private static final int LOOKUPS = 2_000;

    private static VmKeys fleet() {
        VmKeys keys = new VmKeys();
        keys.loading();
        for (long id = 1; id <= FLEET; id++) {
            keys.put(id, "instance-" + id);
            keys.addMac(id, 0x5254_0100_0000L + id);
        }
        keys.markLoaded();
        return keys;
    }

    /** Lookups of {@code mac} while {@code writer} runs; how many missed {@link #VM} (a null answer reads the tables). */
    private static int missesWhile(VmKeys keys, long mac, Runnable writer) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Thread changes = new Thread(() -> {
            while (!stop.get()) {
                writer.run();
            }
        }, "writer");
        changes.start();
        int misses = 0;
        try {
            for (int i = 0; i < LOOKUPS; i++) {
                long[] found = keys.withMac(new MacAddress(mac).toString());
                if (found != null && java.util.Arrays.binarySearch(found, VM) < 0) {
                    misses++;
                }
            }
        } finally {
            stop.set(true);
            changes.join();
        }
        return misses;
    }

    @Test
    void aMacTheVmKeepsWhileAnotherOfItsAdaptersComesAndGoesIsAlwaysFound() throws Exception {
        VmKeys keys = fleet();
        keys.macsReplaced(VM, new long[] {A, B, C});
        keys.committed();
        int misses = missesWhile(keys, B, () -> {
            keys.macsReplaced(VM, new long[] {B, C});
            keys.committed();
            keys.macsReplaced(VM, new long[] {A, B, C});
            keys.committed();
        });
        assertEquals(0, misses, "lookups of a MAC the VM had all along that missed it");
    }

    @Test
    void aVmIsFoundOrTheTablesAreReadWhileTheWriterReloadsTheKeys() throws Exception {
        VmKeys keys = fleet();
        keys.addMac(VM, A);
        int misses = missesWhile(keys, A, () -> {
            LockSupport.parkNanos(2_000_000); // loaded a while, for lookups to begin
            keys.loading();
            for (long id = 1; id <= FLEET; id++) {
                keys.put(id, "instance-" + id);
            }
            for (long id = 1; id <= FLEET; id++) {
                keys.addMac(id, 0x5254_0100_0000L + id);
            }
            keys.addMac(VM, A);
            keys.markLoaded();
        });
        assertEquals(0, misses, "lookups during a reload that missed the VM instead of reading the tables");
    }

    @Test
    void aVmFoundByEachOfItsMacsAfterAdaptersBeforeAndAmongTheKeptOnesCameAndWent() {
        VmKeys keys = fleet();
        long d = MacAddress.parse("52:54:00:00:00:0d").value();
        long e = MacAddress.parse("52:54:00:00:00:0e").value();
        keys.macsReplaced(VM, new long[] {A, B, C, d});
        keys.macsReplaced(VM, new long[] {B, d});
        keys.macsReplaced(VM, new long[] {e, B, d, A});
        keys.committed();
        for (long mac : new long[] {A, B, d, e}) {
            assertEquals(1, java.util.Arrays.stream(keys.withMac(new MacAddress(mac).toString())).filter(id -> id == VM)
                    .count(), new MacAddress(mac).toString());
        }
        assertEquals(0, java.util.Arrays.stream(keys.withMac(new MacAddress(C).toString())).filter(id -> id == VM)
                .count(), "C went, and its removal committed");
    }
}
