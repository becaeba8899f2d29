package org.sflowmonitor.store;

import java.util.regex.Pattern;

/** An {@link EntityFilter}'s node/name/uuid conditions applied in memory as its SQL applies them. */
final class EntityMatcher {
    private final EntityFilter filter;
    private final Pattern name;

    EntityMatcher(EntityFilter filter) {
        if (filter.mac() != null) {
            throw new IllegalArgumentException("the latest state has no adapters; a MAC filter reads the tables");
        }
        this.filter = filter;
        this.name = filter.hostname() != null && filter.hostname().contains("*") ? glob(filter.hostname()) : null;
    }

    boolean matches(String hostIp, String hostname, String uuid) {
        if (filter.hostIp() != null && !filter.hostIp().equals(hostIp)) {
            return false;
        }
        if (filter.hostname() != null && (hostname == null
                || (name != null ? !name.matcher(hostname).matches() : !filter.hostname().equals(hostname)))) {
            return false;
        }
        return filter.uuid() == null || filter.uuid().equals(uuid);
    }

    private static Pattern glob(String text) {
        StringBuilder regex = new StringBuilder();
        for (String part : text.split("\\*", -1)) {
            regex.append(regex.isEmpty() ? "" : ".*").append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
