package org.sflowmonitor.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The components of an answer's row record by their snake_case names, as the answer writes them,
 * looked up once per type: for sorting by a field and for writing only the fields asked for.
 */
final class RecordFields<R extends Record> {

    private static final ClassValue<RecordFields<?>> BY_TYPE = new ClassValue<>() {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected RecordFields<?> computeValue(Class<?> type) {
            return new RecordFields(type);
        }
    };

    private final Class<R> type;
    private final Map<String, Function<R, Object>> accessors = new LinkedHashMap<>();

    private RecordFields(Class<R> type) {
        this.type = type;
        for (RecordComponent c : type.getRecordComponents()) {
            String name = snakeCase(c.getName());
            Method accessor = c.getAccessor();
            accessors.put(name, row -> {
                try {
                    return accessor.invoke(row);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + name + " of " + type.getSimpleName(), e);
                }
            });
        }
    }

    @SuppressWarnings("unchecked")
    static <R extends Record> RecordFields<R> of(Class<R> type) {
        return (RecordFields<R>) BY_TYPE.get(type);
    }

    /** The accessor of the field of this name; an IllegalArgumentException when the record has none. */
    Function<R, Object> field(String name) {
        Function<R, Object> accessor = accessors.get(name);
        if (accessor == null) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no field " + name);
        }
        return accessor;
    }

    /** Every field's name, in the record's order. */
    List<String> names() {
        return List.copyOf(accessors.keySet());
    }

    /** The row as a map of these of its fields, in this order. */
    Map<String, Object> select(R row, List<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, field(n).apply(row)));
        return out;
    }

    static String snakeCase(String name) {
        return new PropertyNamingStrategies.SnakeCaseStrategy().translate(name).toLowerCase(Locale.ROOT);
    }
}
