package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.sflowmonitor.sflow.CounterRecord.HostAdapter;
import org.sflowmonitor.sflow.MacAddress;

class AdapterFingerprintTest {

    private static final MacAddress A = MacAddress.parse("52:54:00:12:34:56");
    private static final MacAddress B = MacAddress.parse("52:54:00:ab:cd:ef");

    private final AdapterFingerprint fingerprint = new AdapterFingerprint();

    private static long fromRows(long... ifIndexAndMac) {
        long sum = AdapterFingerprint.NONE;
        for (int i = 0; i < ifIndexAndMac.length; i += 2) {
            sum = AdapterFingerprint.plus(sum, ifIndexAndMac[i], ifIndexAndMac[i + 1]);
        }
        return sum;
    }

    @Test
    void aListAndItsStoredRowsHaveTheSameFingerprint() {
        assertEquals(fromRows(1, A.value(), 2, B.value()),
                fingerprint.of(List.of(new HostAdapter(1, List.of(A)), new HostAdapter(2, List.of(B)))));
    }

    @Test
    void theOrderOfAdaptersAndMacsDoesNotMatter() {
        assertEquals(fingerprint.of(List.of(new HostAdapter(1, List.of(A, B)), new HostAdapter(2, List.of(B)))),
                fingerprint.of(List.of(new HostAdapter(2, List.of(B)), new HostAdapter(1, List.of(B, A)))));
    }

    @Test
    void aRepeatedPairCountsOnceAsInTheRows() {
        assertEquals(fromRows(1, A.value()),
                fingerprint.of(List.of(new HostAdapter(1, List.of(A, A)), new HostAdapter(1, List.of(A)))));
    }

    @Test
    void theSameMacOnAnotherIfIndexIsAnotherPair() {
        assertNotEquals(fingerprint.of(List.of(new HostAdapter(1, List.of(A)))),
                fingerprint.of(List.of(new HostAdapter(2, List.of(A)))));
    }

    @Test
    void noAdaptersHaveTheFingerprintOfNoRows() {
        assertEquals(AdapterFingerprint.NONE, fingerprint.of(List.of()));
        assertEquals(AdapterFingerprint.NONE, fingerprint.of(List.of(new HostAdapter(1, List.of()))));
    }

    @Test
    void aListLongerThanTheScratchArrayIsSummedWhole() {
        HostAdapter[] many = new HostAdapter[100];
        long[] rows = new long[200];
        for (int i = 0; i < many.length; i++) {
            many[i] = new HostAdapter(i, List.of(A));
            rows[2 * i] = i;
            rows[2 * i + 1] = A.value();
        }
        assertEquals(fromRows(rows), fingerprint.of(List.of(many)));
    }
}
