package org.sflowmonitor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The machine and moment of a run, for the figures' headers. */
public final class Machine {

    private Machine() {
    }

    /** The 1, 5 and 15 minute load averages. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static String describe() {
        long memory = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memory = Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            memory = -1;
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + memory + " GiB memory, Java "
                + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    public static String now() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }
}
