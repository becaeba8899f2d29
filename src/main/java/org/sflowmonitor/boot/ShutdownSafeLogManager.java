package org.sflowmonitor.boot;

import java.util.logging.LogManager;

/**
 * The JDK's LogManager closes every handler in its own shutdown hook, which may run before
 * ours, so the lines that tell an operator the service stopped cleanly would be lost. This one
 * ignores a reset while the JVM is shutting down (Tomcat's JULI does the same for Tomcat).
 */
public final class ShutdownSafeLogManager extends LogManager {

    @Override
    public void reset() {
        if (shuttingDown()) {
            return;
        }
        super.reset();
    }

    private static boolean shuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
