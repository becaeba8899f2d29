package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * On H2 vm.uuid has no unique index: the writer, the only creator of VMs, finds them by UUID in
 * memory ({@link VmUuids}), and the API's lookups by UUID take the id from there. A UUID still
 * names one VM, across commits, rollbacks and restarts, and a lookup finds what is committed.
 */
class VmsByUuidOnH2Test extends EntitiesOnH2 {

    private static final UUID VM = UUID.fromString("8f3a2b10-0000-4000-8000-00000000000a");

    private Entities.Vm vm(UUID uuid, String name) throws Exception {
        return entities.vm(st, uuid, entities.host(st, "10.0.0.1", T0), name, 1, T0);
    }

    private void commit() throws Exception {
        entities.executePending(st);
        st.commit();
        entities.committed();
    }

    private long count(String sql) throws Exception {
        try (Statement s = st.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long rowsOf(UUID uuid) throws Exception {
        return count("SELECT COUNT(*) FROM vm WHERE uuid = '" + uuid + "'");
    }

    private List<String> namesFound(Inventory inventory, UUID uuid) {
        return inventory.describeVms(new EntityFilter(null, null, uuid.toString())).stream()
                .map(r -> (String) r.get("name")).toList();
    }

    private Inventory inventory() {
        return new Inventory(new Queries(db, 10), entities.live().vmKeys());
    }

    @Test
    void onH2TheVmTableHasNoIndexOnUuid() throws Exception {
        assertEquals(0, count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
                + " WHERE table_name = 'VM' AND column_name = 'UUID'"));
    }

    @Test
    void aUuidSeenTwiceInOneBatchAndAgainAfterTheCommitIsOneVm() throws Exception {
        Entities.Vm first = vm(VM, "instance-1");
        assertSame(first, vm(VM, "instance-1"));
        commit();
        assertSame(first, vm(VM, "instance-1"));
        commit();
        assertEquals(1, rowsOf(VM));
    }

    @Test
    void afterARestartTheReloadedIndexFindsTheStoredVmInsteadOfCreatingAnother() throws Exception {
        long id = vm(VM, "instance-1").id;
        commit();
        close();
        open();
        assertEquals(id, vm(VM, "instance-1").id);
        commit();
        assertEquals(1, rowsOf(VM));
        assertEquals(List.of("instance-1"), namesFound(inventory(), VM));
    }

    @Test
    void aVmIsFoundByUuidOnceItsRowCommittedAndNotBefore() throws Exception {
        vm(VM, "instance-1");
        entities.executePending(st);
        assertEquals(List.of(), namesFound(inventory(), VM));
        st.commit();
        entities.committed();
        assertEquals(List.of("instance-1"), namesFound(inventory(), VM));
        assertEquals(List.of(), namesFound(inventory(), new UUID(1, 2)));
    }

    @Test
    void aRolledBackVmIsNotFoundAndItsIdGoesToTheNextVmWhichIsFound() throws Exception {
        long id = vm(VM, "instance-1").id;
        entities.executePending(st);
        st.rollback();
        entities.load(st);
        UUID other = new UUID(7, 7);
        assertEquals(id, vm(other, "instance-2").id, "the rolled back VM's id is handed out again");
        commit();
        assertEquals(List.of(), namesFound(inventory(), VM));
        assertEquals(List.of("instance-2"), namesFound(inventory(), other));
        assertNotEquals(id, vm(VM, "instance-1").id, "the rolled back UUID is a new VM now");
        commit();
        assertEquals(1, rowsOf(VM));
    }

    @Test
    void withoutALoadedIndexALookupByUuidReadsTheTableAndAnswersTheSame() throws Exception {
        vm(VM, "instance-1");
        commit();
        assertEquals(List.of("instance-1"), namesFound(new Inventory(new Queries(db, 10), new VmKeys()), VM));
    }

    @Test
    void aLookupByUuidFindsEveryVmCommittedBeforeItBeganWhileTheWriterCreatesThousandsMore() throws Exception {
        int vms = 20_000;
        List<UUID> uuids = new ArrayList<>();
        for (int i = 0; i < vms; i++) {
            uuids.add(new UUID(0x1000 + i, i));
        }
        AtomicReference<Integer> committed = new AtomicReference<>(0);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Entities many = new Entities(100, vms, vms);
        many.load(st);
        Thread writer = new Thread(() -> {
            try {
                Entities.Host host = many.host(st, "10.0.0.2", T0);
                for (int i = 0; i < vms; i++) {
                    many.vm(st, uuids.get(i), host, "instance-" + i, i, T0);
                    if (i % 500 == 499) {
                        many.executePending(st);
                        st.commit();
                        many.committed();
                        committed.set(i + 1);
                    }
                }
            } catch (Throwable e) {
                failed.set(e);
            } finally {
                done.set(true);
            }
        }, "writer");
        writer.start();
        Inventory inventory = new Inventory(new Queries(db, 10), many.live().vmKeys());
        int lookups = 0;
        List<String> missed = new ArrayList<>();
        while (!done.get() || lookups == 0) {
            int known = committed.get();
            if (known == 0) {
                Thread.onSpinWait();
                continue;
            }
            UUID uuid = uuids.get(known - 1 - lookups * 37 % known);
            if (namesFound(inventory, uuid).size() != 1) {
                missed.add(uuid.toString());
            }
            lookups++;
        }
        writer.join();
        assertEquals(null, failed.get());
        assertEquals(List.of(), missed, "of " + lookups + " lookups");
    }
}
