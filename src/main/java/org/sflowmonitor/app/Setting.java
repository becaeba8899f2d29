package org.sflowmonitor.app;

/**
 * Every setting of the service with its default and, for a number, the range it accepts.
 * webapp/WEB-INF/web.xml declares one context-param per entry with the same default (a test
 * keeps the two in step). An empty default means "derived" (see the description).
 */
public enum Setting {
    ROLE("role", "both", "what this instance does: collector (receives sFlow and writes it), api (answers /api from"
            + " the database) or both"),
    INSTANCE_ID("instance.id", "", "this collector's name in collector.status (its heartbeat row); empty: host name"
            + " and sFlow port"),
    HEARTBEAT_SECONDS("heartbeat.seconds", "10", new Range(1, 3600),
            "how often a collector writes its heartbeat row (its counters) into the database"),
    SFLOW_PORT("sflow.port", "6343", Range.PORT, "UDP port for sFlow datagrams; 0 picks a free port"),
    SFLOW_BIND("sflow.bind", "", "address to receive sFlow on; empty: all addresses, IPv4 and IPv6"),
    SFLOW_RCVBUF("sflow.rcvbuf", "8388608", new Range(65536, Integer.MAX_VALUE),
            "SO_RCVBUF of the UDP socket in bytes"),
    SFLOW_CHANNELS("sflow.channels", "0", new Range(0, 256),
            "UDP sockets sharing the port (epoll SO_REUSEPORT); 0: one per core"),
    HTTP_PORT("http.port", "8080", Range.PORT, "HTTP port of the standalone server (ignored inside Tomcat)"),
    DATA_DIR("data.dir", "", "folder of the database; empty: ./data (web.xml sets ${catalina.base}/data/sflow-monitor)"),
    DB_URL("db.url", "", "JDBC URL; empty: an H2 file database in data.dir"),
    DB_USER("db.user", "sa", "database user"),
    DB_PASSWORD("db.password", "", "database password"),
    API_TOKEN("api.token", "", "bearer token required on /api and /metrics; empty: no authentication"),
    AGENTS_ALLOW("agents.allow", "", "comma-separated CIDRs whose datagrams are accepted; empty: all"),
    RETENTION_DAYS("retention.days", "7", new Range(1, 36500), "days of samples kept"),
    ROLLUP_TIERS("rollup.tiers", "5m:90d,1h:730d", "rollup tiers as width:retention, finest first (units s, m, h, d;"
            + " widths from 10s, each a multiple of the finer one); empty: no rollups"),
    QUEUE_CAPACITY("ingest.queue.capacity", "", new Range(16, 10_000_000),
            "samples waiting for the database writer before loss is counted; empty: as many as an eighth of the heap holds"),
    BATCH_SIZE("ingest.batch.size", "", new Range(1, 1_000_000), "rows per database commit at most; empty: 1000 on H2,"
            + " 5000 on PostgreSQL"),
    AGENT_MAX_VMS("agent.max.vms", "5000", new Range(1, 10_000_000),
            "VMs one agent may create; more are counted and dropped"),
    VMS_MAX("vms.max", "2000000", new Range(1, 100_000_000), "VMs in all; more are counted and dropped"),
    API_MAX_BODY("api.max.body.bytes", "1048576", new Range(1024, Integer.MAX_VALUE), "largest request body on /api"),
    API_MAX_BATCH("api.max.batch", "100", new Range(1, 100_000), "largest JSON-RPC batch"),
    API_MAX_LIMIT("api.max.limit", "100000", new Range(1, 100_000_000), "largest 'limit' a call may ask for"),
    DB_QUERY_TIMEOUT("db.query.timeout.seconds", "10", new Range(1, 3600), "longest an API query may run"),
    API_ANSWER_CACHE_MB("api.answer.cache.mb", "64", new Range(0, 4096),
            "memory for fleet-wide answers kept as JSON until the data changes (0: none kept)"),
    SILENT_INTERVALS("entity.silent.intervals", "3", new Range(1, 1000),
            "polling intervals without a sample after which a node or VM is shown as not reporting"),
    METRICS_GROUP_SIZE("metrics.group.size", "100", new Range(1, 1_000_000),
            "nodes per target group of /metrics/targets (Prometheus service discovery)"),
    PUSH_MAX_CONNECTIONS("push.max.connections", "1000", new Range(0, 100_000),
            "WebSocket connections to /push at once; 0: none"),
    PUSH_MAX_SUBSCRIPTIONS("push.max.subscriptions", "100", new Range(1, 100_000),
            "subscriptions one /push connection may hold"),
    PUSH_MAX_BUFFER("push.max.buffer.bytes", "16777216", new Range(65_536, Integer.MAX_VALUE),
            "bytes waiting to be sent to one /push client before it is disconnected as too slow");

    private final String key;
    private final String defaultValue;
    private final Range range;
    private final String description;

    /** A setting that is not a whole number; {@link Settings} parses it. */
    Setting(String key, String defaultValue, String description) {
        this(key, defaultValue, null, description);
    }

    Setting(String key, String defaultValue, Range range, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.range = range;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** True when the setting is a whole number with a range. */
    public boolean isWholeNumber() {
        return range != null;
    }

    /**
     * The value of this whole-number setting.
     *
     * @throws Settings.InvalidSettingException when the value is not a whole number within the range
     */
    public int parseWholeNumber(String value) {
        if (range == null) {
            throw new IllegalStateException("setting " + key + " is not a whole number");
        }
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw range.refuse(this, value);
        }
        if (v < range.min() || v > range.max()) {
            throw range.refuse(this, value);
        }
        return (int) v;
    }

    /** The environment variable of this setting: {@code sflow.port} → {@code SFLOW_MONITOR_SFLOW_PORT}. */
    public String environmentVariable() {
        return "SFLOW_MONITOR_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    /** The whole numbers a setting accepts, both ends included. */
    public record Range(int min, int max) {
        static final Range PORT = new Range(0, 65535);

        Settings.InvalidSettingException refuse(Setting setting, String value) {
            return new Settings.InvalidSettingException(setting, value,
                    "expected a whole number from " + min + " to " + max);
        }
    }
}
