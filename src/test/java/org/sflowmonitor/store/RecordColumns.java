package org.sflowmonitor.store;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sflowmonitor.sflow.CounterRecord;

/**
 * Which table columns each counter structure fills, field by field in wire order (a column
 * marked {@code +} holds an unsigned 64-bit value), how the values a sample carried look in
 * those columns (sentinels as NULL, unsigned values exact), and test records with a different
 * value in every field, sentinels and values above 2^63 among them.
 */
final class RecordColumns {

    private static final Map<Class<? extends CounterRecord>, List<String>> COLUMNS = Map.ofEntries(
            Map.entry(CounterRecord.HostCpu.class, columns("cpu_load_one cpu_load_five cpu_load_fifteen "
                    + "cpu_proc_run cpu_proc_total cpu_num cpu_speed cpu_uptime cpu_user cpu_nice cpu_system cpu_idle "
                    + "cpu_waiting_io cpu_intr cpu_sintr cpu_interrupts cpu_contexts cpu_steal cpu_guest "
                    + "cpu_guest_nice")),
            Map.entry(CounterRecord.HostMemory.class, columns("mem_total+ mem_free+ mem_shared+ mem_buffers+ "
                    + "mem_cached+ swap_total+ swap_free+ page_in page_out swap_in swap_out")),
            Map.entry(CounterRecord.HostDiskIo.class, columns("disk_total+ disk_free+ part_max_used reads "
                    + "bytes_read+ read_time writes bytes_written+ write_time")),
            Map.entry(CounterRecord.HostNetIo.class, columns("bytes_in+ packets_in errs_in drops_in bytes_out+ "
                    + "packets_out errs_out drops_out")),
            Map.entry(CounterRecord.VirtNode.class, columns("vnode_mhz vnode_cpus vnode_memory+ "
                    + "vnode_memory_free+ vnode_num_domains")),
            Map.entry(CounterRecord.MibIp.class, snakeCase(CounterRecord.MibIp.class)),
            Map.entry(CounterRecord.MibIcmp.class, snakeCase(CounterRecord.MibIcmp.class)),
            Map.entry(CounterRecord.MibTcp.class, snakeCase(CounterRecord.MibTcp.class)),
            Map.entry(CounterRecord.MibUdp.class, snakeCase(CounterRecord.MibUdp.class)),
            Map.entry(CounterRecord.VirtCpu.class, columns("vcpu_state vcpu_cpu_time vcpu_cpu_count")),
            Map.entry(CounterRecord.VirtMemory.class, columns("vmem_memory+ vmem_max_memory+")),
            Map.entry(CounterRecord.VirtDiskIo.class, columns("vdsk_capacity+ vdsk_allocation+ vdsk_available+ "
                    + "vdsk_rd_req vdsk_rd_bytes+ vdsk_wr_req vdsk_wr_bytes+ vdsk_errs")),
            Map.entry(CounterRecord.VirtNetIo.class, columns("vnio_bytes_in+ vnio_packets_in vnio_errs_in "
                    + "vnio_drops_in vnio_bytes_out+ vnio_packets_out vnio_errs_out vnio_drops_out")),
            Map.entry(CounterRecord.IfCounters.class, columns("if_index if_type if_speed+ if_direction "
                    + "if_status if_in_octets+ if_in_ucast_pkts if_in_multicast_pkts if_in_broadcast_pkts "
                    + "if_in_discards if_in_errors if_in_unknown_protos if_out_octets+ if_out_ucast_pkts "
                    + "if_out_multicast_pkts if_out_broadcast_pkts if_out_discards if_out_errors "
                    + "if_promiscuous_mode")),
            Map.entry(CounterRecord.EthernetCounters.class, snakeCase(CounterRecord.EthernetCounters.class)));

    private RecordColumns() {
    }

    /** The columns a record of this type fills, without the {@code +} marks. */
    static List<String> of(Class<? extends CounterRecord> type) {
        return COLUMNS.get(type).stream().map(c -> c.replace("+", "")).toList();
    }

    /** The values the record's fields should have in their columns. */
    static Map<String, Object> expected(CounterRecord record) {
        List<String> columns = COLUMNS.get(record.getClass());
        RecordComponent[] components = record.getClass().getRecordComponents();
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) {
            String column = columns.get(i);
            Object value = get(components[i], record);
            out.put(column.replace("+", ""), normalize(stored(value, column.endsWith("+"))));
        }
        return out;
    }

    /** What the columns should hold when the sample lacked the structure: NULL everywhere. */
    static Map<String, Object> absent(Class<? extends CounterRecord> type) {
        Map<String, Object> out = new LinkedHashMap<>();
        of(type).forEach(c -> out.put(c, null));
        return out;
    }

    /** A record whose every field differs (by {@code seed} and position), with sentinels now and then. */
    static <R extends CounterRecord> R generate(Class<R> type, long seed) {
        List<String> columns = COLUMNS.get(type);
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i].getType(), columns.get(i).endsWith("+"), seed, i);
        }
        try {
            return type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new)).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(Class<?> type, boolean u64, long seed, int i) {
        long k = seed * 31 + i;
        if (type == float.class) {
            return k % 11 == 0 ? -1f : (seed % 100) / 4f + i;
        }
        if (type == int.class) {
            return k % 7 == 0 ? -1 : (int) ((seed * 13 + i) % 10_000);
        }
        if (u64) {
            if (k % 13 == 0) {
                return -1L;
            }
            return k % 5 == 0 ? 0x8000_0000_0000_0000L + seed * 1000 + i : seed * 1_000_003 + i;
        }
        long u32 = k % 17 == 0 ? 0xFFFF_FFFFL : (seed * 7919 + i * 104_729L) & 0xFFFF_FFFFL;
        return type == Long.class ? Long.valueOf(u32) : (Object) u32;
    }

    /** The stored form of a wire value: sentinels NULL, unsigned 64-bit values exact. */
    private static Object stored(Object value, boolean u64) {
        if (value == null) {
            return null;
        }
        if (value instanceof Float f) {
            return f < 0 ? null : f;
        }
        if (value instanceof Integer p) {
            return p == -1 ? null : p;
        }
        long v = (Long) value;
        if (u64) {
            return v == -1L ? null : new BigInteger(Long.toUnsignedString(v));
        }
        return v == 0xFFFF_FFFFL ? null : v;
    }

    /** Numbers compared by value whatever their Java type: floats as Float, the rest as BigInteger. */
    static Object normalize(Object value) {
        if (value == null || value instanceof String) {
            return value;
        }
        if (value instanceof Float || value instanceof Double) {
            return ((Number) value).floatValue();
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).toBigIntegerExact();
        }
        return value;
    }

    private static Object get(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> columns(String spaceSeparated) {
        return List.of(spaceSeparated.split(" "));
    }

    /** Column names of the MIB-2 and ethernet groups are their field names in snake case. */
    private static List<String> snakeCase(Class<? extends CounterRecord> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(c -> c.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT))
                .toList();
    }
}
