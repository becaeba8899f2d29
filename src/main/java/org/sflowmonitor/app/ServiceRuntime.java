package org.sflowmonitor.app;

import java.time.Duration;
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
import org.sflowmonitor.store.Queries;
import org.sflowmonitor.store.Retention;
import org.sflowmonitor.store.RollupJob;

/**
 * The running service: database, writer, UDP listener and API, started in that order and
 * stopped in the reverse one, so that nothing received is left unwritten.
 */
public final class ServiceRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServiceRuntime.class.getName());
    private static final int MAX_TRACKED_AGENTS = 100_000;

    private final Settings settings;
    private final Database db;
    private final BatchWriter writer;
    private final Retention retention;
    private final RollupJob rollups;
    private final SflowListener listener;
    private final Api api;
    private final Metrics metrics;
    private final PushHub push;

    private ServiceRuntime(Settings settings, Database db, BatchWriter writer, Retention retention,
                           RollupJob rollups, SflowListener listener, Api api, Metrics metrics, PushHub push) {
        this.settings = settings;
        this.db = db;
        this.writer = writer;
        this.retention = retention;
        this.rollups = rollups;
        this.listener = listener;
        this.api = api;
        this.metrics = metrics;
        this.push = push;
    }

    public static ServiceRuntime start(Settings settings) throws Exception {
        Database db = Database.open(settings.dbUrl(), settings.dbUser(), settings.dbPassword(), settings.dataDir(),
                8);
        BatchWriter writer = null;
        Retention retention = null;
        RollupJob rollups = null;
        PushHub push = null;
        try {
            IngestStats stats = new IngestStats(MAX_TRACKED_AGENTS);
            rollups = new RollupJob(db.dataSource(), settings.rollupTiers(),
                    TimeUnit.DAYS.toMillis(settings.retentionDays()), System::currentTimeMillis,
                    RollupJob.graceFor(settings.rollupTiers())).start();
            writer = new BatchWriter(db.dataSource(), stats, new BatchWriter.Config(settings.queueCapacity(),
                    settings.batchSize(), MAX_TRACKED_AGENTS, settings.agentMaxVms(), settings.vmsMax()),
                    rollups).start();
            retention = new Retention(db.dataSource(), settings.retentionDays(), writer.latestState()).start();
            DatagramProcessor processor = new DatagramProcessor(stats, writer, settings.agentMaxVms());
            SflowListener listener = SflowListener.start(new SflowListener.Config(settings.sflowBind(),
                    settings.sflowPort(), settings.sflowReceiveBuffer(), settings.sflowChannels(),
                    settings.agentsAllow()), processor);
            PushStats pushStats = new PushStats();
            Api api = Api.create(new Queries(db, settings.dbQueryTimeoutSeconds()),
                    new CollectorSources(stats, writer, rollups, db, System.currentTimeMillis(), pushStats::snapshot),
                    new ApiConfig(settings.apiToken(), settings.apiMaxBodyBytes(), settings.apiMaxBatch(),
                            settings.apiMaxLimit(), Version.get(), settings.silentIntervals(),
                            (long) settings.apiAnswerCacheMb() << 20));
            Metrics metrics = new Metrics(new MetricsSources(writer, stats, db),
                    new MetricsConfig(settings.apiToken(), settings.metricsGroupSize(),
                            settings.silentIntervals()));
            push = PushHub.start(api, writer::commits, pushStats, new PushHub.Limits(settings.pushMaxConnections(),
                    settings.pushMaxSubscriptions(), settings.pushMaxBufferBytes(), settings.apiMaxBodyBytes()),
                    ServiceThreads.PREFIX);
            LOG.info("sflow-monitor " + Version.get() + " started: sFlow on UDP port " + listener.port() + " ("
                    + listener.transport() + ", receive buffer " + listener.grantedReceiveBuffer() + " bytes), "
                    + "database " + db.describe());
            return new ServiceRuntime(settings, db, writer, retention, rollups, listener, api, metrics, push);
        } catch (Exception | Error e) {
            if (push != null) {
                push.close();
            }
            if (retention != null) {
                retention.close();
            }
            if (writer != null) {
                writer.close();
            }
            if (rollups != null) {
                rollups.close();
            }
            db.close();
            throw e;
        }
    }

    public Settings settings() {
        return settings;
    }

    public Api api() {
        return api;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** The WebSocket push's connections and rounds. */
    public PushHub push() {
        return push;
    }

    /** The bound UDP port. */
    public int sflowPort() {
        return listener.port();
    }

    public Database database() {
        return db;
    }

    /** Whether the writer has loaded the known hosts and VMs (it does so while the port already takes samples). */
    public boolean entitiesLoaded() {
        return writer.live().loaded();
    }

    /** Stops receiving, writes out what is queued, closes the database, and waits for every thread of ours. */
    @Override
    public void close() {
        push.close();
        listener.close();
        retention.close();
        writer.close();
        rollups.close();
        db.close();
        ServiceThreads.awaitEnd(Duration.ofSeconds(10));
        LOG.info("sflow-monitor stopped");
    }
}
