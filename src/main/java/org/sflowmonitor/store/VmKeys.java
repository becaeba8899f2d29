package org.sflowmonitor.store;

import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.sflowmonitor.sflow.MacAddress;

/**
 * Each VM's name and adapter MACs as 32-bit keys by VM id, kept by the writer on H2, whose tables
 * have no index on {@code vm.hostname}, {@code vm_adapter.mac} or {@code vm.uuid} (their entries
 * land at random places of million-entry trees and cost a new VM more than its sample), and the
 * VMs' ids by UUID ({@link VmUuids}, the writer's own lookup). A lookup by name or MAC takes the
 * VMs with a matching key from a hash index of the keys ({@link KeyIndex}) and reads only their
 * rows, the query still applying its own condition: a key that two names or MACs share costs a row
 * read, never a wrong answer. A lookup by UUID reads the one row of the id found, its condition too.
 *
 * <p>Every VM whose committed row matches is among the candidates: a key is published before the
 * row it describes is committed, and a key replaced (a rename, changed adapters) joins the replaced
 * keys before it leaves the index and stays a candidate there until the change is committed. Not
 * loaded on PostgreSQL, where several instances write and the tables keep their indexes, nor while
 * the writer loads: the queries then read the tables as before. One writer thread, any number of
 * readers; per VM 8 bytes of its own keys (8 more where it has several MACs) and a slot in each
 * index (8 bytes at 65-75 % filled). A key the VM keeps is never touched in the index when others
 * come and go, and a lookup that overlapped a reload reads the tables.
 */
public final class VmKeys {

    /** Beyond this many candidates a lookup reads the tables instead (a key shared by very many VMs). */
    static final int MAX_CANDIDATES = 1_000;

    private static final long LOW = 0xFFFF_FFFFL;

    private final VmUuids uuids;
    /** name key (high half) and first MAC key (low half). */
    private final LiveEntities.Ids first = new LiveEntities.Ids();
    /** second and third MAC keys, for a VM with several. */
    private final LiveEntities.Ids more = new LiveEntities.Ids();
    /** the fourth MAC key on, for the few VMs with more than three. */
    private final Map<Long, int[]> beyond = new ConcurrentHashMap<>();
    /** The VMs by name key and by MAC key, for the lookups (the arrays above are the writer's record of each VM's keys). */
    private final KeyIndex byName = new KeyIndex();
    private final KeyIndex byMac = new KeyIndex();
    /** A VM id beyond what {@link KeyIndex} holds was put: lookups read the tables. */
    private volatile boolean idTooLarge;
    /** Keys replaced in the transaction under way: still candidates until it commits. */
    private final Queue<Replaced> replaced = new ConcurrentLinkedQueue<>();
    private volatile boolean loaded;
    /** How many times the keys were (re)loaded: a lookup during which this changed reads the tables. */
    private volatile int loads;

    private record Replaced(long vmId, boolean name, int key) {
    }

    /** Keys of no VM, with a UUID index of their own (for tests and benchmarks of the keys alone). */
    VmKeys() {
        this(new VmUuids());
    }

    /** The keys beside {@code uuids}, which the writer fills, loads and clears with them. */
    VmKeys(VmUuids uuids) {
        this.uuids = uuids;
    }

    /** True when the keys hold every VM of the database: lookups may use them. */
    public boolean loaded() {
        return loaded;
    }

    /** The ids of the VMs that may be named {@code name}; null when the tables must be read. */
    long[] named(String name) {
        int key = nameKey(name);
        return candidates(key, true);
    }

    /** The id of the VM of this UUID (as stored), none, or null when the tables must be read. */
    long[] withUuid(String storedUuid) {
        int loadsBefore = loads;
        if (!loaded) {
            return null;
        }
        UUID uuid = UUID.fromString(storedUuid);
        long id = uuids.id(uuid);
        if (!loaded || loads != loadsBefore) {
            return null; // a reload began meanwhile: the index may have been emptied
        }
        return id == 0 ? new long[0] : new long[] {id};
    }

    /** The ids of the VMs that may have an adapter of this MAC (as stored); null when the tables must be read. */
    long[] withMac(String storedMac) {
        return candidates(macKey(MacAddress.parse(storedMac).value()), false);
    }

    private long[] candidates(int key, boolean name) {
        int loadsBefore = loads;
        if (!loaded || idTooLarge) {
            return null;
        }
        Candidates found = new Candidates();
        for (long id : (name ? byName : byMac).ids(key)) {
            found.add(id);
        }
        // after the index: a key the writer replaces joins this queue before it leaves the index
        for (Replaced r : replaced) {
            if (r.name() == name && r.key() == key) {
                found.add(r.vmId());
            }
        }
        if (!loaded || loads != loadsBefore) {
            return null; // a reload began meanwhile: what was read may be half reset
        }
        return found.size > MAX_CANDIDATES ? null : found.distinct();
    }

    /** Writer: the keys and the UUID index are about to be cleared and loaded (lookups read the tables meanwhile). */
    void loading() {
        loaded = false;
        loads++; // the writer's alone
        byName.clear(0);
        byMac.clear(0);
        idTooLarge = false;
    }

    /** Writer, loading: room for the keys of {@code vms} VMs. */
    void expect(int vms) {
        byName.clear(vms);
        byMac.clear(vms);
    }

    /** Writer: every VM's keys are loaded. */
    void markLoaded() {
        replaced.clear();
        loaded = true;
    }

    /** Writer: the transaction that replaced keys committed; the replaced ones match nothing any more. */
    void committed() {
        if (!replaced.isEmpty()) {
            replaced.clear();
        }
    }

    /** Writer: a VM, new or loaded, with its stored name (null: none) and no MACs yet. */
    void put(long vmId, String name) {
        if (vmId > KeyIndex.MAX_ID) {
            idTooLarge = true;
            return;
        }
        for (int key : macSlots(vmId)) {
            if (key != 0) {
                byMac.remove(key, vmId); // an id whose first VM was rolled back
            }
        }
        int old = (int) (first.get(vmId) >>> 32);
        if (old != 0) {
            byName.remove(old, vmId);
        }
        int key = nameKey(name);
        first.set(vmId, (long) key << 32);
        if (more.get(vmId) != 0) {
            more.set(vmId, 0);
        }
        beyond.remove(vmId);
        if (key != 0) {
            byName.add(key, vmId);
        }
    }

    /** Writer: a known VM's stored name changed. */
    void renamed(long vmId, String name) {
        long value = first.get(vmId);
        int old = (int) (value >>> 32);
        int now = nameKey(name);
        if (old != now && vmId <= KeyIndex.MAX_ID) {
            if (old != 0) {
                replaced.add(new Replaced(vmId, true, old));
                byName.remove(old, vmId);
            }
            first.set(vmId, (long) now << 32 | value & LOW);
            if (now != 0) {
                byName.add(now, vmId);
            }
        }
    }

    /** Writer, at load: one stored adapter row of the VM. */
    void addMac(long vmId, long mac) {
        if (vmId > KeyIndex.MAX_ID) {
            return;
        }
        int[] slots = macSlots(vmId);
        int key = macKey(mac);
        if (!contains(slots, slots.length, key)) {
            setMacSlots(vmId, place(slots, key));
            byMac.add(key, vmId);
        }
    }

    /** Writer: the VM's adapters are replaced by ones with these MACs (each once). */
    void macsReplaced(long vmId, long[] macs) {
        if (vmId > KeyIndex.MAX_ID) {
            return;
        }
        int[] wanted = new int[macs.length];
        int n = 0;
        for (long mac : macs) {
            int key = macKey(mac);
            if (!contains(wanted, n, key)) {
                wanted[n++] = key;
            }
        }
        int[] slots = macSlots(vmId);
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != 0 && !contains(wanted, n, slots[i])) {
                replaced.add(new Replaced(vmId, false, slots[i]));
                byMac.remove(slots[i], vmId);
                slots[i] = 0;
            }
        }
        for (int i = 0; i < n; i++) {
            if (!contains(slots, slots.length, wanted[i])) {
                slots = place(slots, wanted[i]);
                byMac.add(wanted[i], vmId);
            }
        }
        setMacSlots(vmId, slots);
    }

    /** The VM's MAC keys by place: the first in {@code first}, two in {@code more}, the rest in {@code beyond}; 0 is free. */
    private int[] macSlots(long vmId) {
        long second = more.get(vmId);
        int[] rest = beyond.get(vmId);
        int[] slots = new int[3 + (rest == null ? 0 : rest.length)];
        slots[0] = (int) first.get(vmId);
        slots[1] = (int) (second >>> 32);
        slots[2] = (int) second;
        if (rest != null) {
            System.arraycopy(rest, 0, slots, 3, rest.length);
        }
        return slots;
    }

    /** {@code slots} with {@code key} in the first free place (grown by one when none is). */
    private static int[] place(int[] slots, int key) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == 0) {
                slots[i] = key;
                return slots;
            }
        }
        int[] grown = Arrays.copyOf(slots, slots.length + 1);
        grown[slots.length] = key;
        return grown;
    }

    /** Writes the places that changed; a key kept is never moved, so that a lookup meanwhile finds it. */
    private void setMacSlots(long vmId, int[] slots) {
        long firstValue = first.get(vmId);
        long firstNow = firstValue & ~LOW | slots[0] & LOW;
        if (firstNow != firstValue) {
            first.set(vmId, firstNow);
        }
        long second = (long) slots[1] << 32 | slots[2] & LOW;
        if (second != more.get(vmId)) {
            more.set(vmId, second);
        }
        int end = slots.length;
        while (end > 3 && slots[end - 1] == 0) {
            end--;
        }
        if (end > 3) {
            beyond.put(vmId, Arrays.copyOfRange(slots, 3, end));
        } else {
            beyond.remove(vmId);
        }
    }

    private static boolean contains(int[] keys, int n, int key) {
        for (int i = 0; i < n; i++) {
            if (keys[i] == key) {
                return true;
            }
        }
        return false;
    }

    /** 0 for no name, else a hash of it that is never 0. */
    static int nameKey(String name) {
        return name == null ? 0 : nonZero(mix(name.hashCode()));
    }

    /** A hash of the 48-bit MAC that is never 0. */
    static int macKey(long mac) {
        return nonZero(mix(mac));
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ h >>> 33;
    }

    private static int nonZero(long hash) {
        int key = (int) (hash ^ hash >>> 32);
        return key == 0 ? 1 : key;
    }

    /** The ids found, growing as needed. */
    private static final class Candidates {
        private long[] ids = new long[4];
        private int size;

        void add(long id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, 2 * size);
            }
            ids[size++] = id;
        }

        long[] distinct() {
            return Arrays.stream(ids, 0, size).sorted().distinct().toArray();
        }
    }
}
