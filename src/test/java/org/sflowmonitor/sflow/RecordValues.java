package org.sflowmonitor.sflow;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fills every counter structure with edge values, field by field from its reference layout
 * ({@link SflowEncoder#LAYOUTS}), so that tables of test rows need not spell out 25 fields.
 */
final class RecordValues {

    /** A string longer than any declared maximum (VM names of more than 64 bytes), with multi-byte UTF-8. */
    static final String LONG_STRING = "instance-0000a1b2-ünïcödé-" + "x".repeat(80);

    enum Fill {
        /** All zero, empty strings and lists, the all-zero "unknown" UUID. */
        ZEROS,
        /** Max unsigned 32/64-bit values, -1 percentages and loads, long strings, several adapters. */
        MAXIMA,
        /** A different value in every field (catching swapped fields), high bits set (catching sign errors). */
        DISTINCT
    }

    private RecordValues() {
    }

    static <R extends CounterRecord> R filled(Class<R> type, Fill fill) {
        return filled(type, fill, true);
    }

    /** @param withOptional false leaves host_cpu's 80-byte extension out (the 68-byte form) */
    static <R extends CounterRecord> R filled(Class<R> type, Fill fill, boolean withOptional) {
        List<String> fields = SflowEncoder.LAYOUTS.get(type).fields();
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(fields.get(i), fill, i, withOptional);
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(String field, Fill fill, int i, boolean withOptional) {
        return switch (field) {
            case "u32" -> switch (fill) {
                case ZEROS -> 0L;
                case MAXIMA -> 0xFFFF_FFFFL;
                case DISTINCT -> 0x8000_0000L + i;
            };
            case "opt32" -> withOptional ? value("u32", fill, i, true) : null;
            case "i32" -> switch (fill) {
                case ZEROS -> 0;
                case MAXIMA -> -1;
                case DISTINCT -> 1000 + i;
            };
            case "u64" -> switch (fill) {
                case ZEROS -> 0L;
                case MAXIMA -> -1L;
                case DISTINCT -> 0x8000_0001_0000_0000L + i;
            };
            case "f32" -> switch (fill) {
                case ZEROS -> 0f;
                case MAXIMA -> -1f;
                case DISTINCT -> 0.25f * (i + 1);
            };
            case "str" -> switch (fill) {
                case ZEROS -> "";
                case MAXIMA -> LONG_STRING;
                case DISTINCT -> "name-" + i;
            };
            case "uuid" -> switch (fill) {
                case ZEROS -> new UUID(0, 0);
                case MAXIMA -> new UUID(-1, -1);
                case DISTINCT -> UUID.fromString("1b7e3c55-2f44-4e0a-b1d2-8c9e0f1a2b3c");
            };
            case "adapters" -> adapters(fill);
            default -> throw new IllegalStateException(field);
        };
    }

    private static List<CounterRecord.HostAdapter> adapters(Fill fill) {
        List<CounterRecord.HostAdapter> adapters = new ArrayList<>();
        switch (fill) {
            case ZEROS -> { }
            case MAXIMA -> {
                adapters.add(new CounterRecord.HostAdapter(0xFFFF_FFFFL,
                        List.of(new MacAddress(0xFFFF_FFFF_FFFFL), new MacAddress(0))));
                adapters.add(new CounterRecord.HostAdapter(0, List.of()));
                adapters.add(new CounterRecord.HostAdapter(7, List.of(MacAddress.parse("52:54:00:9a:00:01"))));
            }
            case DISTINCT -> adapters.add(new CounterRecord.HostAdapter(2,
                    List.of(MacAddress.parse("52:54:00:ab:cd:ef"), MacAddress.parse("fe:54:00:00:00:02"))));
        }
        return adapters;
    }
}
