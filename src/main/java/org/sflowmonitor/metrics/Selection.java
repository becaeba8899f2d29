package org.sflowmonitor.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one scrape of /metrics asks for, from its query parameters: {@code node} (an agent
 * address; repeated or comma-separated for several), {@code group} (a group number, as the
 * service discovery lists them; repeatable too), {@code collector} (the collector's own metrics).
 * No parameter: everything. With only {@code node} or {@code group}, only their entities.
 */
record Selection(Set<String> nodes, Set<Integer> groups, boolean collector, boolean everything) {

    static final String NODE = "node";
    static final String GROUP = "group";
    static final String COLLECTOR = "collector";
    private static final Set<String> KNOWN = Set.of(NODE, GROUP, COLLECTOR);

    /** Refused parameters, with a message that says what to send instead. */
    static final class BadSelectionException extends Exception {
        BadSelectionException(String message) {
            super(message);
        }
    }

    static Selection parse(Map<String, String[]> parameters) throws BadSelectionException {
        Set<String> unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new BadSelectionException("unknown parameter" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; /metrics takes node (an agent address), group (a group "
                    + "number from /metrics/targets) and collector=true");
        }
        if (parameters.isEmpty()) {
            return new Selection(Set.of(), Set.of(), true, true);
        }
        Set<String> nodes = new LinkedHashSet<>(values(parameters, NODE));
        Set<Integer> groups = new LinkedHashSet<>();
        for (String g : values(parameters, GROUP)) {
            groups.add(group(g));
        }
        boolean collector = false;
        for (String c : values(parameters, COLLECTOR)) {
            if (!c.equals("true") && !c.equals("false")) {
                throw new BadSelectionException("collector must be true or false, not '" + c + "'");
            }
            collector |= c.equals("true");
        }
        if (parameters.containsKey(COLLECTOR) && values(parameters, COLLECTOR).isEmpty()) {
            collector = true; // ?collector alone
        }
        return new Selection(Set.copyOf(nodes), Set.copyOf(groups), collector, false);
    }

    private static int group(String text) throws BadSelectionException {
        try {
            int g = Integer.parseInt(text);
            if (g >= 0) {
                return g;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadSelectionException("group must be a whole number from 0 (as /metrics/targets lists them), not '"
                + text + "'");
    }

    /** The non-empty values of a parameter, comma-separated ones split. */
    private static List<String> values(Map<String, String[]> parameters, String name) {
        List<String> out = new ArrayList<>();
        for (String v : parameters.getOrDefault(name, new String[0])) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }
}
