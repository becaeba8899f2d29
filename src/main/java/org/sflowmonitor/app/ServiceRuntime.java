package org.sflowmonitor.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.sflowmonitor.api.Api;
import org.sflowmonitor.api.ApiConfig;
import org.sflowmonitor.api.CollectorSources;
import org.sflowmonitor.ingest.DatagramProcessor;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.ingest.SflowListener;
import org.sflowmonitor.metrics.Metrics;
import org.sflowmonitor.metrics.MetricsConfig;
import org.sflowmonitor.metrics.MetricsSources;
import org.sflowmonitor.push.PushHub;
import org.sflowmonitor.push.PushStats;
import org.sflowmonitor.store.BatchWriter;
import org.sflowmonitor.store.Database;
import org.sflowmonitor.store.HeartbeatWriter;
import org.sflowmonitor.store.LatestRefresh;
import org.sflowmonitor.store.LatestState;
import org.sflowmonitor.store.Queries;
import org.sflowmonitor.store.Retention;
import org.sflowmonitor.store.RollupJob;

/**
 * The running service: database, writer, UDP listener and API, started in that order and
 * stopped in the reverse one, so that nothing received is left unwritten. Its {@link Role}
 * decides which parts run: an API-only instance has no listener, writer, rollup job, retention
 * or heartbeat (those fields are null); a collector-only instance answers only collector.status
 * and apiinfo.version on /api.
 */
public final class ServiceRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServiceRuntime.class.getName());
    private static final int MAX_TRACKED_AGENTS = 100_000;

    private final Settings settings;
    private final Database db;
    private final Collecting collecting;
    private final Api api;
    private final Metrics metrics;
    private final PushHub push;
    /** Brings in what other instances write (null when only this instance's writer writes). */
    private final LatestRefresh latestRefresh;

    /** What runs on an instance that collects; null on an API-only one. */
    private record Collecting(BatchWriter writer, Retention retention, RollupJob rollups, SflowListener listener,
                              HeartbeatWriter heartbeat) {
    }

    private ServiceRuntime(Settings settings, Database db, Collecting collecting, Api api, Metrics metrics,
                           PushHub push, LatestRefresh latestRefresh) {
        this.latestRefresh = latestRefresh;
        this.settings = settings;
        this.db = db;
        this.collecting = collecting;
        this.api = api;
        this.metrics = metrics;
        this.push = push;
    }

    public static ServiceRuntime start(Settings settings) throws Exception {
        Database db = Database.open(settings.dbUrl(), settings.dbUser(), settings.dbPassword(), settings.dataDir(),
                8);
        long startedAt = System.currentTimeMillis();
        Deque<AutoCloseable> started = new ArrayDeque<>(); // closed last started first when the start fails
        started.push(db);
        try {
            IngestStats stats = new IngestStats(MAX_TRACKED_AGENTS);
            BatchWriter writer = null;
            Retention retention = null;
            SflowListener listener = null;
            HeartbeatWriter heartbeat = null;
            // an API-only instance keeps the job unstarted: the series methods read its tiers
            RollupJob rollups = new RollupJob(db.dataSource(), settings.rollupTiers(),
                    TimeUnit.DAYS.toMillis(settings.retentionDays()), System::currentTimeMillis,
                    RollupJob.graceFor(settings.rollupTiers()));
            started.push(rollups);
            if (settings.role().collects()) {
                writer = new BatchWriter(db.dataSource(), stats, new BatchWriter.Config(settings.queueCapacity(),
                        settings.batchSize(), MAX_TRACKED_AGENTS, settings.agentMaxVms(), settings.vmsMax()),
                        rollups).start();
                started.push(writer);
                rollups.yieldsTo(writer::behind);
                rollups.start();
                retention = new Retention(db.dataSource(), settings.retentionDays(), writer.latestState()).start();
                started.push(retention);
                DatagramProcessor processor = new DatagramProcessor(stats, writer, settings.agentMaxVms());
                listener = SflowListener.start(new SflowListener.Config(settings.sflowBind(),
                        settings.sflowPort(), settings.sflowReceiveBuffer(), settings.sflowChannels(),
                        settings.agentsAllow()), processor);
                started.push(listener);
                heartbeat = new HeartbeatWriter(db.dataSource(), CollectorIdentity.of(settings, listener.port(),
                        startedAt), CollectorIdentity.counters(stats, writer)).start();
                started.push(heartbeat);
                rollups.runsAs(heartbeat.instance().id());
            }
            PushStats pushStats = new PushStats();
            Queries queries = new Queries(db, settings.dbQueryTimeoutSeconds());
            CollectorSources sources = new CollectorSources(settings.role().key(),
                    heartbeat == null ? null : heartbeat.instance().id(), stats, writer, rollups, db, startedAt,
                    pushStats::snapshot);
            ApiConfig apiConfig = new ApiConfig(settings.apiToken(), settings.apiMaxBodyBytes(),
                    settings.apiMaxBatch(), settings.apiMaxLimit(), Version.get(), settings.silentIntervals(),
                    (long) settings.apiAnswerCacheMb() << 20);
            LatestState latestState = writer == null ? new LatestState() : writer.latestState();
            LatestRefresh latestRefresh = settings.role().answers()
                    ? LatestRefresh.startIfShared(db.dataSource(), latestState, writer != null) : null;
            if (latestRefresh != null) {
                started.push(latestRefresh);
            }
            // a writer beside a refresh: other collectors may write the same database (PostgreSQL)
            boolean othersWrite = writer != null && latestRefresh != null;
            Api api = settings.role().answers() ? Api.create(queries, sources, apiConfig, latestState, othersWrite)
                    : Api.createForCollector(queries, sources, apiConfig);
            Metrics metrics = writer == null ? null : new Metrics(new MetricsSources(writer, stats, db),
                    new MetricsConfig(settings.apiToken(), settings.metricsGroupSize(), settings.silentIntervals()));
            // without a writer (or beside others, whose commits it does not see) every round looks for changed answers
            PushHub push = PushHub.start(api, writer == null || othersWrite ? () -> System.currentTimeMillis() / 1000
                    : writer::commits,
                    writer == null ? () -> 0L : writer::lastCommitAt, pushStats, new PushHub.Limits(settings.pushMaxConnections(), settings.pushMaxSubscriptions(),
                            settings.pushMaxBufferBytes(), settings.apiMaxBodyBytes()), ServiceThreads.PREFIX);
            started.push(push);
            LOG.info("sflow-monitor " + Version.get() + " started as " + settings.role().key() + ": "
                    + (listener == null ? "no sFlow listener" : "sFlow on UDP port " + listener.port() + " ("
                    + listener.transport() + ", receive buffer " + listener.grantedReceiveBuffer() + " bytes), "
                    + "collector id " + heartbeat.instance().id()) + ", database " + db.describe());
            return new ServiceRuntime(settings, db, writer == null ? null
                    : new Collecting(writer, retention, rollups, listener, heartbeat), api, metrics, push,
                    latestRefresh);
        } catch (Exception | Error e) {
            for (AutoCloseable part : started) {
                try {
                    part.close();
                } catch (Exception | Error closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    public Settings settings() {
        return settings;
    }

    public Api api() {
        return api;
    }

    /** /metrics: the values the writer received; null on an API-only instance. */
    public Metrics metrics() {
        return metrics;
    }

    /** The WebSocket push's connections and rounds. */
    public PushHub push() {
        return push;
    }

    /** The bound UDP port. */
    public int sflowPort() {
        if (collecting == null) {
            throw new IllegalStateException("an instance of role api receives no sFlow");
        }
        return collecting.listener().port();
    }

    public Database database() {
        return db;
    }

    /**
     * Whether the writer has loaded the known hosts and VMs (it does so while the port already takes
     * samples); an API-only instance has nothing to load.
     */
    public boolean entitiesLoaded() {
        return collecting == null || collecting.writer().live().loaded();
    }

    /** Stops receiving, writes out what is queued, closes the database, and waits for every thread of ours. */
    @Override
    public void close() {
        push.close();
        if (collecting != null) {
            collecting.listener().close();
            collecting.retention().close();
            collecting.writer().close();
            collecting.rollups().close();
            collecting.heartbeat().close(); // the last beat carries the final counters
        }
        if (latestRefresh != null) {
            latestRefresh.close();
        }
        db.close();
        ServiceThreads.awaitEnd(Duration.ofSeconds(10));
        LOG.info("sflow-monitor stopped");
    }
}
