package org.sflowmonitor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * A scrape is written family by family, so no single MetricSnapshots sees all names at once to
 * refuse a duplicate: the entity families' names are checked here instead.
 */
class EntityMetricsTest {

    @Test
    void noTwoEntityFamiliesShareAName() {
        List<String> names = EntityMetrics.families().stream().map(SeriesFamily::name).toList();
        Set<String> distinct = new HashSet<>(names);
        assertEquals(distinct.size(), names.size(), names.toString());
    }

    @Test
    void noEntityFamilyTakesTheCollectorsPrefix() {
        for (SeriesFamily f : EntityMetrics.families()) {
            assertFalse(f.name().startsWith(CollectorMetrics.PREFIX), f.name());
        }
    }
}
