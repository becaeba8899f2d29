package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class VmKeysTest {

    @Test
    void aVmIdBeyondWhatTheKeyIndexHoldsMakesTheLookupsReadTheTables() {
        VmKeys keys = new VmKeys();
        keys.loading();
        keys.put(1, "instance-1");
        keys.put(KeyIndex.MAX_ID + 1, "instance-2");
        keys.markLoaded();
        assertNull(keys.named("instance-1"));
        assertNull(keys.named("instance-2"));
    }

    @Test
    void aVmPutAgainUnderItsIdIsFoundByItsNewNameAndMacsOnly() {
        VmKeys keys = new VmKeys();
        keys.loading();
        keys.put(1, "instance-1");
        keys.addMac(1, 0x5254_0000_0001L);
        keys.put(1, "instance-other"); // the id of a VM that was rolled back, given to another
        keys.markLoaded();
        assertArrayEquals(new long[0], keys.named("instance-1"));
        assertArrayEquals(new long[0], keys.withMac("52:54:00:00:00:01"));
        assertArrayEquals(new long[] {1}, keys.named("instance-other"));
    }
}
