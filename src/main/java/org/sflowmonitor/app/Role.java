package org.sflowmonitor.app;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an instance does (setting {@code role}): receive sFlow and write it (collector), answer
 * /api from the database (api), or both. Several collectors and API instances share one
 * PostgreSQL database (docs/scale-out.md).
 */
public enum Role {
    /** UDP listener, writer, rollup job, retention, heartbeat; /api only for collector.status and apiinfo. */
    COLLECTOR,
    /** /api, /push and the dashboard, every answer from the database; no listener, writer or job. */
    API,
    BOTH;

    /** The setting's value: collector, api or both. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean collects() {
        return this != API;
    }

    public boolean answers() {
        return this != COLLECTOR;
    }

    static Role parse(String value) {
        for (Role r : values()) {
            if (r.key().equals(value.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new Settings.InvalidSettingException(Setting.ROLE, value, "one of "
                + String.join(", ", Arrays.stream(values()).map(Role::key).toList()));
    }
}
