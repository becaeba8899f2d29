package org.sflowmonitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    private static Settings load(Map<String, String> properties, Map<String, String> env,
                                 Map<String, String> context) {
        return Settings.load(properties, env, context::get);
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        Settings s = load(Map.of(), Map.of(), Map.of());
        assertEquals(6343, s.sflowPort());
        assertNull(s.sflowBind());
        assertEquals(8080, s.httpPort());
        assertEquals(Path.of("data").toAbsolutePath(), s.dataDir());
        assertEquals("jdbc:h2:file:" + Path.of("data").toAbsolutePath().resolve("sflow-monitor"), s.dbUrl());
        assertEquals("", s.apiToken());
        assertTrue(s.agentsAllow().isEmpty());
        assertEquals(7, s.retentionDays());
        assertEquals("5m 7776000000, 1h 63072000000", String.join(", ", s.rollupTiers().stream()
                .map(t -> t.name() + " " + t.retentionMillis()).toList()));
    }

    @Test
    void theBatchSizeIsAThousandOnH2AndFiveThousandOnPostgresqlUnlessSet() {
        assertEquals(1_000, load(Map.of(), Map.of(), Map.of()).batchSize());
        assertEquals(5_000, load(Map.of("db.url", "jdbc:postgresql://127.0.0.1/sflow"), Map.of(), Map.of()).batchSize());
        assertEquals(250, load(Map.of("db.url", "jdbc:postgresql://127.0.0.1/sflow", "ingest.batch.size", "250"),
                Map.of(), Map.of()).batchSize());
    }

    @Test
    void theQueueHoldsAnEighthOfTheHeapInSamplesUnlessSet() {
        assertEquals(Settings.queueCapacityFor(Runtime.getRuntime().maxMemory()),
                load(Map.of(), Map.of(), Map.of()).queueCapacity());
        assertEquals(250, load(Map.of("ingest.queue.capacity", "250"), Map.of(), Map.of()).queueCapacity());
    }

    @Test
    void anEighthOfASixGibibyteHeapHoldsOverAMillionQueuedSamplesAndOfHalfAGibibyteUnderAHundredThousand() {
        assertEquals(1_082_401, Settings.queueCapacityFor(6L << 30));
        assertEquals(90_200, Settings.queueCapacityFor(512L << 20));
    }

    @Test
    void theRoleIsBothUnlessSetAndCollectorOrApiInAnyCase() {
        assertEquals(Role.BOTH, load(Map.of(), Map.of(), Map.of()).role());
        assertEquals(Role.COLLECTOR, load(Map.of("role", "Collector"), Map.of(), Map.of()).role());
        assertEquals(Role.API, load(Map.of(), Map.of("SFLOW_MONITOR_ROLE", "api"), Map.of()).role());
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheSettingAndTheRoles() {
        Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
                () -> load(Map.of("role", "writer"), Map.of(), Map.of()));
        assertEquals("setting role = 'writer' is invalid: one of collector, api, both", e.getMessage());
    }

    @Test
    void anInstanceIdLongerThanItsHeartbeatColumnIsRefusedAtStart() {
        String id = "c".repeat(256);
        Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
                () -> load(Map.of("instance.id", id), Map.of(), Map.of()));
        assertEquals("setting instance.id = '" + id + "' is invalid: at most 255 characters", e.getMessage());
        assertEquals("c".repeat(255), load(Map.of("instance.id", "c".repeat(255)), Map.of(), Map.of()).instanceId());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5m:90d,7m:1y | '1y' is not a duration",
        "5s:1d | bucket width 5s is below 10s",
        "5m:90d,7m:1d | width 7m is not a multiple of the finer tier's 5m",
        "5m:1h,1h:730d | tier 5m must be kept at least twice the width of 1h",
        "5m | '5m' is not width:retention"})
    void aBadRollupTierIsRefusedNamingTheSettingAndWhatIsWrong(String value, String reason) {
        Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
                () -> load(Map.of("rollup.tiers", value), Map.of(), Map.of()));
        assertTrue(e.getMessage().startsWith("setting rollup.tiers = '" + value + "' is invalid: "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void tiersAreOrderedFinestFirstAndAnEmptyValueMeansNoRollups() {
        assertEquals("10s 1m 1d", String.join(" ", load(Map.of("rollup.tiers", "1d:730d, 10s:3d, 1m:30d"), Map.of(),
                Map.of()).rollupTiers().stream().map(t -> t.name()).toList()));
        assertTrue(load(Map.of("rollup.tiers", ""), Map.of(), Map.of()).rollupTiers().isEmpty());
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironmentWhichWinsOverAContextParameter() {
        assertEquals(1, load(Map.of("sflow.port", "1"), Map.of("SFLOW_MONITOR_SFLOW_PORT", "2"),
                Map.of("sflow.port", "3")).sflowPort());
        assertEquals(2, load(Map.of(), Map.of("SFLOW_MONITOR_SFLOW_PORT", "2"), Map.of("sflow.port", "3")).sflowPort());
        assertEquals(3, load(Map.of(), Map.of(), Map.of("sflow.port", "3")).sflowPort());
    }

    @Test
    void environmentVariableNamesAreUpperCaseWithUnderscores() {
        assertEquals("SFLOW_MONITOR_SFLOW_PORT", Setting.SFLOW_PORT.environmentVariable());
        assertEquals("SFLOW_MONITOR_DB_QUERY_TIMEOUT_SECONDS", Setting.DB_QUERY_TIMEOUT.environmentVariable());
    }

    @Test
    void systemPropertyPlaceholdersAreExpanded() {
        Settings s = load(Map.of("catalina.base", "/srv/tomcat"), Map.of(),
                Map.of("data.dir", "${catalina.base}/data/sflow-monitor"));
        assertEquals(Path.of("/srv/tomcat/data/sflow-monitor"), s.dataDir());
    }

    @ParameterizedTest(name = "{0} = ''{1}'' is refused")
    @CsvSource({
            "sflow.port, abc",
            "sflow.port, 70000",
            "sflow.port, -1",
            "http.port, 8o8o",
            "retention.days, 0",
            "sflow.rcvbuf, 12k",
            "agents.allow, 10.0.0.0/33",
            "agents.allow, not-a-network",
            "db.url, jdbc:oracle:thin:@db:1521:x",
            "db.url, h2:file:/tmp/x",
            "data.dir, ${no.such.property}/x",
    })
    void aValueThatDoesNotParseFailsWithTheSettingsName(String key, String value) {
        Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
                () -> load(Map.of(key, value), Map.of(), Map.of()));
        assertTrue(e.getMessage().startsWith("setting " + key + " = '"), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void secretsAreNotEchoedInErrors() {
        // the token itself never fails to parse, but the message format must hide it should it ever
        Settings.InvalidSettingException e = new Settings.InvalidSettingException(Setting.API_TOKEN, "s3cret", "x");
        assertTrue(!e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void agentsAllowTakesIpv4AndIpv6Networks() {
        Settings s = load(Map.of("agents.allow", "10.0.0.0/8, fd00::/8 ,192.0.2.7"), Map.of(), Map.of());
        assertEquals(3, s.agentsAllow().size());
    }
}
