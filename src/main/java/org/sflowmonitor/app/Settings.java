package org.sflowmonitor.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sflowmonitor.ingest.Cidr;

/**
 * The service's settings, read once at start. Each value comes from, highest first: a Java
 * system property of the setting's name, the environment variable SFLOW_MONITOR_&lt;KEY&gt;, a
 * context parameter (web.xml or Tomcat's Context), then the default. {@code ${name}} in a
 * value is replaced by that system property (e.g. {@code ${catalina.base}}). A value that does
 * not parse raises {@link InvalidSettingException} naming the setting and the value.
 */
public record Settings(int sflowPort, InetAddress sflowBind, int sflowReceiveBuffer, int sflowChannels,
                       int httpPort, Path dataDir, String dbUrl, String dbUser, String dbPassword, String apiToken,
                       List<Cidr> agentsAllow, int retentionDays, int queueCapacity, int batchSize,
                       int agentMaxVms, int vmsMax, int apiMaxBodyBytes, int apiMaxBatch, int apiMaxLimit,
                       int dbQueryTimeoutSeconds) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    public Settings {
        agentsAllow = List.copyOf(agentsAllow);
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
        Path dataDir = parsePath(Setting.DATA_DIR, raw.apply(Setting.DATA_DIR), "./data");
        String dbUrl = raw.apply(Setting.DB_URL);
        if (dbUrl.isEmpty()) {
            dbUrl = "jdbc:h2:file:" + dataDir.resolve("sflow-monitor").toAbsolutePath();
        }
        checkJdbcUrl(dbUrl);
        return new Settings(
                parsePort(Setting.SFLOW_PORT, raw.apply(Setting.SFLOW_PORT)),
                parseBind(raw.apply(Setting.SFLOW_BIND)),
                parseInt(Setting.SFLOW_RCVBUF, raw.apply(Setting.SFLOW_RCVBUF), 65536, Integer.MAX_VALUE),
                parseInt(Setting.SFLOW_CHANNELS, raw.apply(Setting.SFLOW_CHANNELS), 0, 256),
                parsePort(Setting.HTTP_PORT, raw.apply(Setting.HTTP_PORT)),
                dataDir,
                dbUrl,
                raw.apply(Setting.DB_USER),
                raw.apply(Setting.DB_PASSWORD),
                raw.apply(Setting.API_TOKEN),
                parseCidrs(raw.apply(Setting.AGENTS_ALLOW)),
                parseInt(Setting.RETENTION_DAYS, raw.apply(Setting.RETENTION_DAYS), 1, 36500),
                parseInt(Setting.QUEUE_CAPACITY, raw.apply(Setting.QUEUE_CAPACITY), 16, 10_000_000),
                parseInt(Setting.BATCH_SIZE, raw.apply(Setting.BATCH_SIZE), 1, 1_000_000),
                parseInt(Setting.AGENT_MAX_VMS, raw.apply(Setting.AGENT_MAX_VMS), 1, 10_000_000),
                parseInt(Setting.VMS_MAX, raw.apply(Setting.VMS_MAX), 1, 100_000_000),
                parseInt(Setting.API_MAX_BODY, raw.apply(Setting.API_MAX_BODY), 1024, Integer.MAX_VALUE),
                parseInt(Setting.API_MAX_BATCH, raw.apply(Setting.API_MAX_BATCH), 1, 100_000),
                parseInt(Setting.API_MAX_LIMIT, raw.apply(Setting.API_MAX_LIMIT), 1, 100_000_000),
                parseInt(Setting.DB_QUERY_TIMEOUT, raw.apply(Setting.DB_QUERY_TIMEOUT), 1, 3600));
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

    private static int parseInt(Setting setting, String value, int min, int max) {
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(setting, value, "expected a whole number from " + min + " to " + max);
        }
        if (v < min || v > max) {
            throw new InvalidSettingException(setting, value, "expected a whole number from " + min + " to " + max);
        }
        return (int) v;
    }

    private static int parsePort(Setting setting, String value) {
        return parseInt(setting, value, 0, 65535);
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

    private static void checkJdbcUrl(String url) {
        if (!url.startsWith("jdbc:")) {
            throw new InvalidSettingException(Setting.DB_URL, url, "a JDBC URL starts with 'jdbc:'");
        }
        if (url.startsWith("jdbc:h2:")) {
            return; // bundled
        }
        try {
            Driver driver = DriverManager.getDriver(url);
            if (driver == null) {
                throw new SQLException();
            }
        } catch (SQLException e) {
            throw new InvalidSettingException(Setting.DB_URL, url, "no JDBC driver for this URL scheme; supported: "
                    + "jdbc:h2:..., and jdbc:postgresql:... once PostgreSQL's driver jar is in Tomcat's lib folder");
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
