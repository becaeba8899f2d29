package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a time-series call asked for besides the entity, checked: the time range (inclusive), the
 * order, the row limit and the fields. Built by {@link #of}, which explains every mistake.
 */
record Selection(long from, long till, boolean descending, int limit, List<String> output) {

    /** The original's window: the 10 minutes up to and including {@code timestamp}. */
    static final long WINDOW_MILLIS = 10 * 60 * 1000;
    static final int DEFAULT_LIMIT = 1000;

    static Selection of(Long timestamp, Long timeFrom, Long timeTill, Integer limit, String sortorder,
                        List<String> output, List<String> fields, int maxLimit) {
        long from;
        long till;
        if (timestamp != null && (timeFrom != null || timeTill != null)) {
            throw RpcException.invalidParams("give either timestamp (the 10 minutes up to it) or time_from/time_till, "
                    + "not both");
        }
        if (timeFrom != null || timeTill != null) {
            from = timeFrom != null ? timeFrom : Long.MIN_VALUE;
            till = timeTill != null ? timeTill : Long.MAX_VALUE;
            if (from > till) {
                throw RpcException.invalidParams("time_from (" + from + ") is after time_till (" + till + ")");
            }
        } else {
            till = timestamp != null ? timestamp : System.currentTimeMillis();
            from = till - WINDOW_MILLIS + 1;
        }
        return new Selection(from, till, descending(sortorder), limit(limit, maxLimit), output(output, fields));
    }

    static int limit(Integer limit, int maxLimit) {
        if (limit == null) {
            return Math.min(DEFAULT_LIMIT, maxLimit);
        }
        if (limit < 1 || limit > maxLimit) {
            throw RpcException.invalidParams("limit must be from 1 to " + maxLimit + " (api.max.limit), not " + limit);
        }
        return limit;
    }

    static boolean descending(String sortorder) {
        if (sortorder == null) {
            return false;
        }
        return switch (sortorder.toUpperCase(Locale.ROOT)) {
            case "ASC" -> false;
            case "DESC" -> true;
            default -> throw RpcException.invalidParams("sortorder must be ASC or DESC, not '" + sortorder + "'");
        };
    }

    /** The requested fields in the order asked for (duplicates dropped), or all fields. */
    static List<String> output(List<String> output, List<String> fields) {
        if (output == null) {
            return fields;
        }
        if (output.isEmpty()) {
            throw RpcException.invalidParams("output must name at least one field; leave it out for all fields");
        }
        List<String> chosen = new ArrayList<>();
        for (String field : output) {
            if (!fields.contains(field)) {
                throw RpcException.invalidParams("unknown field '" + field + "' in output; expected any of "
                        + String.join(", ", fields));
            }
            if (!chosen.contains(field)) {
                chosen.add(field);
            }
        }
        return List.copyOf(chosen);
    }
}
