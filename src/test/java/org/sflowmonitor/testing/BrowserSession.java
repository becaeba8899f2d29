package org.sflowmonitor.testing;

import java.nio.file.Path;
import java.util.Map;

/**
 * What every dashboard test starts: a live cluster (its settings) and headless Chromium; skips
 * the test class with a clear message where no Chromium is installed. Closing ends both.
 */
public record BrowserSession(LiveCluster cluster, Browser browser) implements AutoCloseable {

    public static BrowserSession start(Path temp, Map<String, String> settings) throws Exception {
        Browser.assumeInstalled();
        LiveCluster cluster = LiveCluster.start(temp, settings);
        try {
            return new BrowserSession(cluster, Browser.start());
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            browser.close();
        } finally {
            cluster.close();
        }
    }
}
