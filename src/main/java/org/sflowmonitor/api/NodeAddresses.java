package org.sflowmonitor.api;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The host_ip values of an answer written row by row into {@link JsonBytes}: the address of a
 * node known beforehand (the entity's own) is written at once; where a row names another node,
 * its place and id are kept, and the addresses are filled in at the end from one lookup of the
 * few nodes named.
 */
final class NodeAddresses {

    private final long knownId;
    private final byte[] knownAddress;
    private int[] at = new int[0];
    private long[] ids = new long[0];
    private int count;

    /** @param knownId the node whose address is {@code knownAddress} (-1: none) */
    NodeAddresses(long knownId, Object knownAddress) {
        this.knownId = knownId;
        this.knownAddress = JsonValues.encoded(knownAddress);
    }

    /** The most bytes {@link #write} appends now (the known address; any other is filled in at the end). */
    int longestWritten() {
        return knownAddress.length;
    }

    /** The address of node {@code id} at the end of {@code out}, now or when the text is finished. */
    void write(JsonBytes out, long id) {
        if (id == knownId) {
            out.append(knownAddress);
            return;
        }
        if (count == at.length) {
            at = Arrays.copyOf(at, Math.max(16, count * 2));
            ids = Arrays.copyOf(ids, at.length);
        }
        at[count] = out.length();
        ids[count++] = id;
    }

    /**
     * The finished text with the addresses it waits for filled in from {@code addresses} (node
     * ids to addresses; an id it does not know is answered as null).
     */
    WrittenJson finish(JsonBytes out, Function<Set<Long>, Map<Object, Object>> addresses) {
        if (count == 0) {
            return out.written();
        }
        Set<Long> named = new HashSet<>();
        for (int i = 0; i < count; i++) {
            named.add(ids[i]);
        }
        Map<Object, Object> found = addresses.apply(named);
        Map<Long, byte[]> written = new HashMap<>();
        named.forEach(id -> written.put(id, JsonValues.encoded(found.get(id))));
        JsonBytes all = new JsonBytes(out.length() + 16 * count);
        int from = 0;
        for (int i = 0; i < count; i++) {
            all.append(out, from, at[i]).append(written.get(ids[i]));
            from = at[i];
        }
        all.append(out, from, out.length());
        return all.written();
    }
}
