package org.sflowmonitor.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sflowmonitor.ingest.Cidr;
import org.sflowmonitor.store.RollupTier;

/**
 * The service's settings, read once at start. Each value comes from, highest first: a Java
 * system property of the setting's name, the environment variable SFLOW_MONITOR_&lt;KEY&gt;, a
 * context parameter (web.xml or Tomcat's Context), then the default. {@code ${name}} in a
 * value is replaced by that system property (e.g. {@code ${catalina.base}}). A value that does
 * not parse raises {@link InvalidSettingException} naming the setting and the value.
 */
public record Settings(Role role, String instanceId, int heartbeatSeconds, int sflowPort, InetAddress sflowBind, int sflowReceiveBuffer, int sflowChannels,
                       int httpPort, Path dataDir, String dbUrl, String dbUser, String dbPassword, String apiToken,
                       List<Cidr> agentsAllow, int retentionDays, List<RollupTier> rollupTiers,
                       int queueCapacity, int batchSize,
                       int agentMaxVms, int vmsMax, int apiMaxBodyBytes, int apiMaxBatch, int apiMaxLimit,
                       int apiAnswerCacheMb, int dbQueryTimeoutSeconds, int silentIntervals, int metricsGroupSize,
                       int pushMaxConnections, int pushMaxSubscriptions, int pushMaxBufferBytes) {

    /**
     * The writer's batch size on H2 where ingest.batch.size is empty: H2's commit visits every
     * index entry of the batch again, cheaper while they are still in the CPU's caches.
     */
    public static final int H2_BATCH_SIZE = 1_000;
    /** The same on PostgreSQL, where each batch costs a COPY and a commit (a flush of its log). */
    public static final int POSTGRESQL_BATCH_SIZE = 5_000;
    /** The heap a queued VM sample holds, measured (docs/install.md). */
    static final int QUEUED_SAMPLE_BYTES = 744;
    /**
     * The share of the heap the ingest queue may fill where ingest.queue.capacity is empty. The first
     * round of an unseen cluster is slower to store than the rounds after it (every node and VM is
     * created): the queue holds what it falls behind until the next rounds catch up.
     */
    static final int QUEUE_HEAP_DIVISOR = 8;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    /** The ingest queue's capacity where ingest.queue.capacity is empty: an eighth of this heap's worth of samples. */
    static int queueCapacityFor(long maxHeapBytes) {
        return (int) Math.max(16, Math.min(10_000_000, maxHeapBytes / QUEUE_HEAP_DIVISOR / QUEUED_SAMPLE_BYTES));
    }

    public Settings {
        agentsAllow = List.copyOf(agentsAllow);
        rollupTiers = List.copyOf(rollupTiers);
    }

    /** Reads the settings of the running JVM with the given context parameters. */
    public static Settings load(Function<String, String> contextParameters) {
        Map<String, String> properties = new java.util.HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        return load(properties, System.getenv(), contextParameters);
    }

    /** Reads settings from explicit sources (tests). */
    public static Settings load(Map<String, String> systemProperties, Map<String, String> environment,
                                Function<String, String> contextParameters) {
        Function<Setting, String> raw = s -> {
            String v = systemProperties.get(s.key());
            if (v == null) {
                v = environment.get(s.environmentVariable());
            }
            if (v == null) {
                v = contextParameters.apply(s.key());
            }
            if (v == null) {
                v = s.defaultValue();
            }
            return expand(s, v.trim(), systemProperties);
        };
        ToIntFunction<Setting> number = s -> s.parseWholeNumber(raw.apply(s));
        Path dataDir = parsePath(Setting.DATA_DIR, raw.apply(Setting.DATA_DIR), "./data");
        String dbUrl = raw.apply(Setting.DB_URL);
        if (dbUrl.isEmpty()) {
            dbUrl = "jdbc:h2:file:" + dataDir.resolve("sflow-monitor").toAbsolutePath();
        }
        checkJdbcUrl(dbUrl);
        return new Settings(
                Role.parse(raw.apply(Setting.ROLE)),
                checkInstanceId(raw.apply(Setting.INSTANCE_ID)),
                number.applyAsInt(Setting.HEARTBEAT_SECONDS),
                number.applyAsInt(Setting.SFLOW_PORT),
                parseBind(raw.apply(Setting.SFLOW_BIND)),
                number.applyAsInt(Setting.SFLOW_RCVBUF),
                number.applyAsInt(Setting.SFLOW_CHANNELS),
                number.applyAsInt(Setting.HTTP_PORT),
                dataDir,
                dbUrl,
                raw.apply(Setting.DB_USER),
                raw.apply(Setting.DB_PASSWORD),
                raw.apply(Setting.API_TOKEN),
                parseCidrs(raw.apply(Setting.AGENTS_ALLOW)),
                number.applyAsInt(Setting.RETENTION_DAYS),
                parseTiers(raw.apply(Setting.ROLLUP_TIERS)),
                raw.apply(Setting.QUEUE_CAPACITY).isEmpty() ? queueCapacityFor(Runtime.getRuntime().maxMemory())
                        : number.applyAsInt(Setting.QUEUE_CAPACITY),
                raw.apply(Setting.BATCH_SIZE).isEmpty()
                        ? (dbUrl.toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:postgresql:") ? POSTGRESQL_BATCH_SIZE
                        : H2_BATCH_SIZE)
                        : number.applyAsInt(Setting.BATCH_SIZE),
                number.applyAsInt(Setting.AGENT_MAX_VMS),
                number.applyAsInt(Setting.VMS_MAX),
                number.applyAsInt(Setting.API_MAX_BODY),
                number.applyAsInt(Setting.API_MAX_BATCH),
                number.applyAsInt(Setting.API_MAX_LIMIT),
                number.applyAsInt(Setting.API_ANSWER_CACHE_MB),
                number.applyAsInt(Setting.DB_QUERY_TIMEOUT),
                number.applyAsInt(Setting.SILENT_INTERVALS),
                number.applyAsInt(Setting.METRICS_GROUP_SIZE),
                number.applyAsInt(Setting.PUSH_MAX_CONNECTIONS),
                number.applyAsInt(Setting.PUSH_MAX_SUBSCRIPTIONS),
                number.applyAsInt(Setting.PUSH_MAX_BUFFER));
    }

    private static String expand(Setting setting, String value, Map<String, String> systemProperties) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = systemProperties.get(m.group(1));
            if (replacement == null) {
                throw new InvalidSettingException(setting, value, "${" + m.group(1) + "} is not a system property");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Path parsePath(Setting setting, String value, String fallback) {
        try {
            return Path.of(value.isEmpty() ? fallback : value).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            throw new InvalidSettingException(setting, value, "not a usable path: " + e.getMessage());
        }
    }

    private static InetAddress parseBind(String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (!value.matches("[0-9a-fA-F.:%\\w-]+")) {
            throw new InvalidSettingException(Setting.SFLOW_BIND, value, "expected an IP address or host name");
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new InvalidSettingException(Setting.SFLOW_BIND, value, "expected an IP address or host name");
        }
    }

    private static List<Cidr> parseCidrs(String value) {
        List<Cidr> list = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                list.add(Cidr.parse(part.trim()));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(Setting.AGENTS_ALLOW, value, e.getMessage());
            }
        }
        return list;
    }

    private static List<RollupTier> parseTiers(String value) {
        try {
            return RollupTier.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(Setting.ROLLUP_TIERS, value, e.getMessage()
                    + "; expected width:retention pairs such as 5m:90d,1h:730d");
        }
    }

    /** The heartbeat row's key (V6: VARCHAR(255)); too long a name would fail every heartbeat instead of the start. */
    private static String checkInstanceId(String id) {
        if (id.length() > 255) {
            throw new InvalidSettingException(Setting.INSTANCE_ID, id, "at most 255 characters");
        }
        return id;
    }

    private static void checkJdbcUrl(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:postgresql:")) {
            throw new InvalidSettingException(Setting.DB_URL, url, "a database sflow-monitor runs on: "
                    + "jdbc:h2:... (bundled, the default) or jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
    }

    /** A setting whose value does not parse; the message names the setting, the value and what is expected. */
    public static final class InvalidSettingException extends IllegalArgumentException {
        public InvalidSettingException(Setting setting, String value, String expected) {
            super("setting " + setting.key() + " = '" + (setting == Setting.DB_PASSWORD || setting == Setting.API_TOKEN
                    ? "***" : value) + "' is invalid: " + expected);
        }
    }
}
