package org.sflowmonitor.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

import org.sflowmonitor.boot.WarLauncher;

/**
 * {@code java -jar sflow-monitor.war}: the webapp in an embedded Tomcat on http.port, with its
 * data in ./data unless data.dir says otherwise. Ctrl-C or SIGTERM undeploys it as cleanly as
 * Tomcat would, then removes the unpacked WAR.
 */
public final class StandaloneServer {

    private static final Logger LOG = Logger.getLogger(StandaloneServer.class.getName());

    private StandaloneServer() {
    }

    /** Called by {@link WarLauncher} with the folder the WAR was unpacked into. */
    public static void main(Path unpacked, String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.load(name -> null);
        } catch (Settings.InvalidSettingException e) {
            System.err.println("sflow-monitor: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path baseDir = unpacked.resolve("tomcat");
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedTomcat tomcat;
        try {
            tomcat = EmbeddedTomcat.start(unpacked, baseDir, settings.httpPort(),
                    Map.of("data.dir", Path.of("data").toAbsolutePath().toString()));
        } catch (Exception e) {
            System.err.println("sflow-monitor: " + e.getMessage());
            WarLauncher.deleteTree(unpacked);
            System.exit(1);
            return;
        }
        LOG.info("API at http://localhost:" + tomcat.port() + "/api");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tomcat.close();
            try {
                WarLauncher.deleteTree(unpacked);
            } catch (Exception e) {
                // a leftover temporary folder is harmless
            }
            stopped.countDown();
        }, "sflow-shutdown"));
        stopped.await();
    }
}
