package org.sflowmonitor.store;

import java.util.Arrays;
import java.util.List;

import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.MacAddress;

/**
 * An order-independent 64-bit summary of a set of (ifIndex, MAC) pairs, the same from a
 * host_adapters record and from the adapter rows stored of it: the sum of the pairs' hashes,
 * each distinct pair counted once (the rows hold a pair once however often a record repeats it).
 * Comparing summaries instead of lists lets an unchanged adapter list, sent with every sample,
 * cost no allocation. One instance per writer thread (it reuses a scratch array).
 */
final class AdapterFingerprint {

    /** The fingerprint of no adapters, and the start of a sum over rows ({@link #plus}). */
    static final long NONE = 0;

    private long[] hashes = new long[16];

    /** The fingerprint of the pairs of {@code adapters}, a repeated pair counted once. */
    long of(List<CounterRecord.HostAdapter> adapters) {
        int n = 0;
        for (CounterRecord.HostAdapter a : adapters) {
            for (MacAddress mac : a.macAddresses()) {
                if (n == hashes.length) {
                    hashes = Arrays.copyOf(hashes, 2 * n);
                }
                hashes[n++] = hash(a.ifIndex(), mac.value());
            }
        }
        Arrays.sort(hashes, 0, n);
        long sum = NONE;
        for (int i = 0; i < n; i++) {
            if (i == 0 || hashes[i] != hashes[i - 1]) {
                sum += hashes[i];
            }
        }
        return sum;
    }

    /** {@code fingerprint} with one more pair, for summing stored rows (distinct by their primary key). */
    static long plus(long fingerprint, long ifIndex, long mac) {
        return fingerprint + hash(ifIndex, mac);
    }

    private static long hash(long ifIndex, long mac) {
        long h = ifIndex * 0x9E3779B97F4A7C15L ^ mac;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
