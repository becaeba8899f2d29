package org.sflowmonitor.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * Sorting and paging of a fleet-wide answer (host.summary, virt.summary, the descriptions), done
 * on the server: the optional params sortfield, sortorder, limit, offset and total, checked, and
 * their application to the rows. Without any of them the rows come back as they always did.
 * Numbers sort by value, text by its characters, false before true; a null sorts last either way;
 * rows that tie keep their order.
 *
 * @param sortField  the field to sort by, or null (the method's own order)
 * @param descending whether sortorder was DESC
 * @param offset     rows skipped from the start
 * @param limit      rows at most, or null (all)
 * @param total      whether the answer is {"total": N, "rows": [...]} (N: the rows matching, before offset and limit)
 */
record Page(String sortField, boolean descending, int offset, Integer limit, boolean total) {

    static final Page NONE = new Page(null, false, 0, null, false);

    /** The page asked for; {@code sortable} are the fields the answer has, {@code maxLimit} api.max.limit. */
    static Page of(String sortfield, String sortorder, Integer limit, Integer offset, Boolean total,
                   List<String> sortable, int maxLimit) {
        if (sortfield != null && !sortable.contains(sortfield)) {
            throw RpcException.invalidParams("sortfield '" + sortfield + "' is not a field of this method; expected"
                    + " any of " + String.join(", ", sortable));
        }
        if (offset != null && offset < 0) {
            throw RpcException.invalidParams("offset must be 0 or more, not " + offset);
        }
        return new Page(sortfield, Selection.descending(sortorder), offset == null ? 0 : offset,
                limit == null ? null : Selection.limit(limit, maxLimit), Boolean.TRUE.equals(total));
    }

    /** A summary sorts by a field it writes: the sortfield must be among the output fields asked for. */
    void requireSortFieldIn(List<String> output) {
        if (sortField != null && !output.contains(sortField)) {
            throw RpcException.invalidParams("sortfield '" + sortField + "' must be one of the output fields ("
                    + String.join(", ", output) + ")");
        }
    }

    /** The rows sorted and cut as asked, with the total when asked; {@code field} reads a row's field by name. */
    <T> Object apply(List<T> rows, Function<String, Function<T, Object>> field) {
        List<T> sorted = rows;
        if (sortField != null) {
            Function<T, Object> value = field.apply(sortField);
            Comparator<Object> ascending = Page::compare;
            sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparing(value, Comparator.nullsLast(descending ? ascending.reversed()
                    : ascending)));
        }
        int from = Math.min(offset, sorted.size());
        int to = limit == null ? sorted.size() : (int) Math.min(sorted.size(), (long) from + limit);
        List<T> cut = from == 0 && to == sorted.size() ? sorted : List.copyOf(sorted.subList(from, to));
        if (!total) {
            return cut;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", rows.size());
        answer.put("rows", cut);
        return answer;
    }

    /** Sorts maps by their entries. */
    Object applyToMaps(List<Map<String, Object>> rows) {
        return apply(rows, name -> row -> row.get(name));
    }

    /** Sorts records by their components, named in snake_case as the answer writes them. */
    <R extends Record> Object applyToRecords(List<R> rows, Class<R> type) {
        return apply(rows, name -> recordField(type, name));
    }

    /** The snake_case names of a record's components whose values sort (numbers, text, booleans). */
    static List<String> sortableFields(Class<? extends Record> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Class<?> t = c.getType();
            if (t.isPrimitive() || Number.class.isAssignableFrom(t) || t == String.class || t == Boolean.class) {
                names.add(snakeCase(c.getName()));
            }
        }
        return List.copyOf(names);
    }

    private static <R> Function<R, Object> recordField(Class<R> type, String name) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (snakeCase(c.getName()).equals(name)) {
                Method accessor = c.getAccessor();
                return row -> {
                    try {
                        return accessor.invoke(row);
                    } catch (IllegalAccessException | InvocationTargetException e) {
                        throw new IllegalStateException("cannot read " + name + " of " + type.getSimpleName(), e);
                    }
                };
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + " has no field " + name);
    }

    private static String snakeCase(String name) {
        return new PropertyNamingStrategies.SnakeCaseStrategy().translate(name).toLowerCase(Locale.ROOT);
    }

    /** Ascending order of two non-null values of one field. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable x && a.getClass() == b.getClass()) {
            return x.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }
}
