package org.sflowmonitor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest benchmark's harness at a trivial size and rate: it runs, measures, and sees no loss. */
class IngestBenchmarkSmokeTest {

    @TempDir
    Path work;

    @Test
    void aTrivialRateIsStoredWithoutLossAndEveryCeilingIsMeasured() throws Exception {
        IngestBenchmark.Settings settings = new IngestBenchmark.Settings(new ClusterModel(5, 4, 1), 2, 100, 2, 1, 1,
                120, "256m", work, false, false);
        IngestBenchmark.Report report = IngestBenchmark.run(settings, new PrintStream(OutputStream.nullOutputStream()));

        assertEquals(1, report.trials().size());
        Trial trial = report.trials().get(0);
        assertTrue(trial.zeroLoss() && trial.windowZeroLoss(), trial.row());
        assertTrue(trial.sentSamples() > 100, trial.row());
        assertTrue(trial.peakHeapBytes() > 0 && trial.cpuPercent() > 0, trial.row());
        assertTrue(report.cold().cold() && report.cold().windowZeroLoss(), report.cold().row());
        assertTrue(report.cold().cpuSecondsPerMillion() > 0 && report.jdbcArrival().cpuSecondsPerMillion() > 0);
        assertTrue(report.bare().samplesPerSecond() > 0);
        assertTrue(report.decode().samplesPerSecond() > 0);
        assertTrue(report.jdbc().samplesPerSecond() > 0);
        assertTrue(report.jdbcArrival().samplesPerSecond() > 0);
        if (hasCCompiler()) {
            assertTrue(report.bareNative() != null && report.bareNative().datagramsPerSecond() > 0);
            assertTrue(report.decodeNative() != null && report.decodeNative().datagramsPerSecond() > 0);
        } else {
            assertTrue(report.bareNative() == null && report.decodeNative() == null);
        }
        assertTrue(IngestBenchmark.markdown(report, settings).contains("| bare |"));
    }

    private static boolean hasCCompiler() {
        try {
            return new ProcessBuilder("cc", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }
}
