package org.sflowmonitor.boot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The Main-Class of sflow-monitor.war, stored at the WAR root so that {@code java -jar} finds it.
 * Uses the JDK only: it unpacks the WAR into a private temporary folder and starts the real
 * entry point in a class loader built from the unpacked jars. The embedded Tomcat lives in
 * {@code WEB-INF/lib-standalone}, which a Tomcat deployment never loads.
 */
public final class WarLauncher {

    private static final String USAGE = String.join("\n",
            "usage: java -jar sflow-monitor.war [serve]        run the collector and API in an embedded Tomcat",
            "       java -jar sflow-monitor.war decode FILE...  print the sFlow datagrams of pcap/pcapng captures as JSON Lines",
            "       java -jar sflow-monitor.war copy-data FROM-URL TO-URL  copy a whole history into an empty database",
            "settings: -Dsflow.port=6343 -Dhttp.port=8080 -Ddata.dir=./data ... (see docs/configure_tomcat.md)");

    private WarLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        }
        String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "serve" -> serve(rest);
            case "decode" -> command("org.sflowmonitor.app.DecodeCommand", rest);
            case "copy-data" -> command("org.sflowmonitor.app.CopyDataCommand", rest);
            case "help" -> System.out.println(USAGE);
            default -> {
                System.err.println("unknown command '" + command + "'\n" + USAGE);
                System.exit(2);
            }
        }
    }

    private static void serve(String[] args) throws Exception {
        // the whole webapp (WEB-INF and the dashboard's files), not this launcher at the WAR's root
        Path root = unpack(name -> !name.startsWith("META-INF/") && !name.startsWith("org/"));
        List<Path> classpath = new ArrayList<>(jars(root.resolve("WEB-INF/lib-standalone")));
        classpath.add(root.resolve("WEB-INF/classes"));
        // StandaloneServer deletes the unpacked folder once Tomcat has stopped.
        invoke(classpath, "org.sflowmonitor.app.StandaloneServer",
                new Class<?>[] {Path.class, String[].class}, root, args);
    }

    /** Runs a command of the webapp's classes and libraries (not the container's). */
    private static void command(String className, String[] args) throws Exception {
        Path root = unpack(name -> name.startsWith("WEB-INF/classes/") || name.startsWith("WEB-INF/lib/"));
        // the commands end with System.exit(status), which skips finally blocks
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                deleteTree(root);
            } catch (IOException e) {
                System.err.println("could not delete " + root + ": " + e);
            }
        }, "delete-unpacked-war"));
        List<Path> classpath = new ArrayList<>(jars(root.resolve("WEB-INF/lib")));
        classpath.add(root.resolve("WEB-INF/classes"));
        invoke(classpath, className, new Class<?>[] {String[].class}, (Object) args);
    }

    private static void invoke(List<Path> classpath, String className, Class<?>[] types, Object... args)
            throws Exception {
        URL[] urls = new URL[classpath.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = classpath.get(i).toUri().toURL();
        }
        URLClassLoader loader = new URLClassLoader("sflow-monitor", urls, ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        try {
            loader.loadClass(className).getMethod("main", types).invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Unpacks the entries of the running WAR whose names are wanted into a new private folder. */
    private static Path unpack(Predicate<String> wanted) throws IOException {
        Path war;
        try {
            war = Path.of(WarLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IOException("cannot locate the running WAR file", e);
        }
        if (Files.isDirectory(war)) {
            throw new IOException("WarLauncher runs from a packaged WAR (java -jar target/sflow-monitor.war), not from "
                    + war);
        }
        Path root = Files.createTempDirectory("sflow-monitor-");
        try (JarFile jar = new JarFile(war.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || !wanted.test(entry.getName())) {
                    continue;
                }
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("WAR entry escapes the unpack folder: " + entry.getName());
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return root;
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** Deletes a folder and everything below it; used for the unpack folder. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
