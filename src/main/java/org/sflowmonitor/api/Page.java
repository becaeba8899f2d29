package org.sflowmonitor.api;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

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
        return apply(rows, field, cut -> cut);
    }

    /** As {@link #apply(List, Function)}, the rows of the page written as {@code written} makes them. */
    private <T> Object apply(List<T> rows, Function<String, Function<T, Object>> field,
                             Function<List<T>, List<?>> written) {
        int from = Math.min(offset, rows.size());
        int to = limit == null ? rows.size() : (int) Math.min(rows.size(), (long) from + limit);
        List<T> cut;
        if (sortField != null) {
            cut = List.copyOf(first(rows, field.apply(sortField), to).subList(from, to));
        } else {
            cut = from == 0 && to == rows.size() ? rows : List.copyOf(rows.subList(from, to));
        }
        if (!total) {
            return written.apply(cut);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", rows.size());
        answer.put("rows", written.apply(cut));
        return answer;
    }

    /**
     * The first {@code count} rows in the order asked for, each row's field read once; a few of
     * many are picked with a bounded heap instead of sorting them all.
     */
    private <T> List<T> first(List<T> rows, Function<T, Object> field, int count) {
        Object[] keys = new Object[rows.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = field.apply(rows.get(i));
        }
        Comparator<Object> ascending = Page::compare;
        Comparator<Object> byValue = Comparator.nullsLast(descending ? ascending.reversed() : ascending);
        // ties keep the rows' order: an equal key compares by position
        Comparator<Integer> order = (a, b) -> {
            int c = byValue.compare(keys[a], keys[b]);
            return c != 0 ? c : Integer.compare(a, b);
        };
        List<Integer> chosen = new ArrayList<>(count);
        if (count <= keys.length / 8) {
            PriorityQueue<Integer> best = new PriorityQueue<>(count + 1, order.reversed());
            for (int i = 0; i < keys.length && count > 0; i++) {
                if (best.size() < count) {
                    best.add(i);
                } else if (order.compare(i, best.peek()) < 0) {
                    best.poll();
                    best.add(i);
                }
            }
            chosen.addAll(best);
        } else {
            for (int i = 0; i < keys.length; i++) {
                chosen.add(i);
            }
        }
        chosen.sort(order);
        List<T> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(rows.get(chosen.get(i)));
        }
        return out;
    }

    /** Sorts maps by their entries. */
    Object applyToMaps(List<Map<String, Object>> rows) {
        return apply(rows, name -> row -> row.get(name));
    }

    /** Sorts records by their components, named in snake_case as the answer writes them. */
    <R extends Record> Object applyToRecords(List<R> rows, Class<R> type) {
        return apply(rows, RecordFields.of(type)::field);
    }

    /**
     * As {@link #applyToRecords(List, Class)} on rows with their JSON; each row of the page written
     * with only the {@code output} fields (all: its JSON as kept).
     */
    <R extends Record> Object applyToWritten(List<WrittenRow<R>> rows, Class<R> type, List<String> output) {
        RecordFields<R> fields = RecordFields.of(type);
        Function<String, Function<WrittenRow<R>, Object>> field = name -> {
            Function<R, Object> read = fields.field(name);
            return w -> read.apply(w.row());
        };
        if (output.equals(fields.names())) {
            return apply(rows, field);
        }
        return apply(rows, field, cut -> cut.stream().map(w -> fields.select(w.row(), output)).toList());
    }

    /** The snake_case names of a record's components whose values sort (numbers, text, booleans). */
    static List<String> sortableFields(Class<? extends Record> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Class<?> t = c.getType();
            if (t.isPrimitive() || Number.class.isAssignableFrom(t) || t == String.class || t == Boolean.class) {
                names.add(RecordFields.snakeCase(c.getName()));
            }
        }
        return List.copyOf(names);
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
