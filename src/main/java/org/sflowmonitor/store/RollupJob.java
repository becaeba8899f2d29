package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.sflowmonitor.ingest.EntitySample;

/**
 * Writes the rollup tiers. The finest tier is folded in memory from the batches the writer
 * committed ({@link #committed}, one queue offer per batch on the writer thread); a bucket is
 * written when it closed ({@code grace} after its end) by replacing that range of buckets,
 * so writing one twice gives the same rows. A bucket the job did not see from its start (the
 * first ones after a start, those of a batch the full queue refused, those of a failed write)
 * is computed from the raw samples instead, entity by entity through the (entity, ts) indexes;
 * that is also how the buckets of a downtime are caught up, as far as raw samples remain. Each
 * coarser tier is merged from the finer tier's rows once the finer tier has closed its bucket.
 * Progress ({@code rollup_progress}) is written in the transaction of the rows, so a restart
 * resumes where the last commit left. Tiers keep their own retention. Like the writer, the
 * thread is never interrupted (H2 closes its file on an interrupt during I/O): it stops within
 * a second of {@link #close()}.
 */
public final class RollupJob implements RollupFeed, AutoCloseable {

    /** What collector.status shows of one tier. */
    public record TierStatus(String interval, long widthMillis, long retentionMillis, Long lastBucketClosed,
                             Long lagMillis, long rowsWritten) {
    }

    /** What collector.status shows of the job. */
    public record Status(List<TierStatus> tiers, int queueDepth, long batchesDropped, long lateSamples,
                         String fault) {
    }

    public static final long DEFAULT_GRACE_MILLIS = 15_000;
    /** How far before a range the catch-up reads raw samples for the rates of its first samples. */
    static final long LOOKBACK_MILLIS = 120_000;
    private static final long CATCH_UP_CHUNK_MILLIS = TimeUnit.HOURS.toMillis(6);
    private static final long RETENTION_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(1);
    /** Live state of an entity not heard from for this long is dropped. */
    private static final long FORGET_AFTER_MILLIS = TimeUnit.HOURS.toMillis(1);
    private static final int QUEUE_BATCHES = 256;
    private static final Logger LOG = Logger.getLogger(RollupJob.class.getName());

    private record Key(long id, long sub) {
    }

    private record Batch(List<EntitySample> samples, long[] hostIds, long[] vmIds) {
    }

    private final DataSource dataSource;
    private final List<RollupTier> tiers;
    private final long rawRetentionMillis;
    private final LongSupplier clock;
    private final long graceMillis;
    private final ArrayBlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final Map<RollupLayout<?>, Map<Key, EntityRollup>> live = new IdentityHashMap<>();
    private final Map<RollupLayout<?>, List<Bucket>> finished = new IdentityHashMap<>();
    private final long[] closedUntil;
    private final AtomicLong[] rowsWritten;
    private final AtomicLong droppedThrough = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong batchesDropped = new AtomicLong();
    private final AtomicLong lateSamples = new AtomicLong();
    private final Thread thread;
    private volatile long[] closedSnapshot;
    private volatile String fault;
    private volatile boolean running = true;
    private boolean loaded;
    private long memoryFrom;
    private long nextRetentionAt;

    /**
     * @param tiers              finest first, as {@link RollupTier#parse} gives them
     * @param rawRetentionMillis how long raw samples are kept (retention.days): how far back a catch-up can reach
     * @param clock              epoch ms now
     * @param graceMillis        how long after its end a bucket is closed (samples wait in the writer's queue)
     */
    public RollupJob(DataSource dataSource, List<RollupTier> tiers, long rawRetentionMillis, LongSupplier clock,
                     long graceMillis) {
        this.dataSource = dataSource;
        this.tiers = List.copyOf(tiers);
        this.rawRetentionMillis = rawRetentionMillis;
        this.clock = clock;
        this.graceMillis = graceMillis;
        this.closedUntil = new long[tiers.size()];
        this.rowsWritten = new AtomicLong[tiers.size()];
        for (int i = 0; i < rowsWritten.length; i++) {
            rowsWritten[i] = new AtomicLong();
        }
        for (RollupLayout<?> layout : RollupRows.ALL) {
            live.put(layout, new HashMap<>());
            finished.put(layout, new ArrayList<>());
        }
        if (!tiers.isEmpty()) {
            long width = tiers.get(0).widthMillis();
            // the first buckets in which every entity's sample before is also in memory
            memoryFrom = EntityRollup.bucketStart(clock.getAsLong() + LOOKBACK_MILLIS, width) + width;
        }
        this.thread = new Thread(this::run, "sflow-rollup");
        this.thread.setDaemon(true);
    }

    /** How long after its end a bucket is closed: {@link #DEFAULT_GRACE_MILLIS}, or the finest width when shorter. */
    public static long graceFor(List<RollupTier> tiers) {
        return tiers.isEmpty() ? DEFAULT_GRACE_MILLIS : Math.min(DEFAULT_GRACE_MILLIS, tiers.get(0).widthMillis());
    }

    /** A job without tiers: rolls nothing up. */
    public static RollupJob disabled() {
        return new RollupJob(null, List.of(), 0, System::currentTimeMillis, DEFAULT_GRACE_MILLIS);
    }

    public List<RollupTier> tiers() {
        return tiers;
    }

    /** How long raw samples are kept. */
    public long rawRetentionMillis() {
        return rawRetentionMillis;
    }

    public RollupJob start() {
        if (!tiers.isEmpty()) {
            thread.start();
        }
        return this;
    }

    /** Writer thread: one offer; a full queue costs this batch's buckets a recomputation from raw samples. */
    @Override
    public void committed(List<EntitySample> batch, long[] hostIds, long[] vmIds) {
        if (tiers.isEmpty() || batch.isEmpty()) {
            return;
        }
        Batch b = new Batch(List.copyOf(batch), hostIds.clone(), vmIds.clone());
        if (!queue.offer(b)) {
            long newest = Long.MIN_VALUE;
            for (EntitySample s : batch) {
                newest = Math.max(newest, s.receivedAt());
            }
            long through = newest;
            droppedThrough.accumulateAndGet(through, Math::max);
            batchesDropped.incrementAndGet();
        }
    }

    public Status status() {
        long now = clock.getAsLong();
        long[] closed = closedSnapshot;
        List<TierStatus> out = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            RollupTier t = tiers.get(i);
            Long last = closed == null ? null : closed[i] - t.widthMillis();
            Long lag = closed == null ? null : Math.max(0, now - closed[i]);
            out.add(new TierStatus(t.name(), t.widthMillis(), t.retentionMillis(), last, lag, rowsWritten[i].get()));
        }
        return new Status(out, queue.size(), batchesDropped.get(), lateSamples.get(), fault);
    }

    private void run() {
        while (running) {
            boolean busy = false;
            try {
                busy = step(clock.getAsLong());
                if (fault != null) {
                    fault = null;
                    LOG.info("rollups are written again");
                }
            } catch (SQLException | RuntimeException e) {
                if (fault == null) {
                    LOG.log(Level.WARNING, "writing rollups failed; retrying, the buckets are computed again", e);
                }
                fault = e.getMessage();
                pause(5);
            }
            if (!busy) {
                Batch b = poll();
                if (b != null) {
                    feed(b);
                }
            }
        }
    }

    private Batch poll() {
        try {
            return queue.poll(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            return queue.poll(); // not ours to keep; see the class comment
        }
    }

    /**
     * Takes what the writer committed, then does the next piece of due work: closes the finest
     * tier's due buckets (or one chunk of catch-up), merges one due bucket of a coarser tier, or
     * applies retention. Returns whether it did any, so that a caller can repeat until idle.
     */
    boolean step(long now) throws SQLException {
        if (tiers.isEmpty()) {
            return false;
        }
        Batch b;
        while ((b = queue.poll()) != null) {
            feed(b);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!loaded) {
                    load(c, now);
                }
                boolean worked = closeFinest(c, now) || mergeCoarser(c) || retention(c, now);
                closedSnapshot = closedUntil.clone();
                return worked;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                // what memory held for the failed range is gone: recompute it from raw samples
                memoryFrom = Math.max(memoryFrom, EntityRollup.bucketStart(now, tiers.get(0).widthMillis())
                        + tiers.get(0).widthMillis());
                loaded = false;
                throw e;
            }
        }
    }

    /** Steps until there is nothing left to do at {@code now}. */
    void runUntilIdle(long now) throws SQLException {
        while (step(now)) {
            // next piece
        }
    }

    private void feed(Batch batch) {
        long width = tiers.get(0).widthMillis();
        long dropped = droppedThrough.get();
        if (dropped != Long.MIN_VALUE) {
            memoryFrom = Math.max(memoryFrom, EntityRollup.bucketStart(dropped + LOOKBACK_MILLIS, width) + width);
        }
        for (int i = 0; i < batch.samples().size(); i++) {
            long hostId = batch.hostIds()[i];
            if (hostId < 0) {
                continue;
            }
            EntitySample s = batch.samples().get(i);
            if (s instanceof EntitySample.NodeSample n) {
                if (RollupRows.HOST.samples().hasRow(n)) {
                    add(RollupRows.HOST, new SampleValues(hostId, 0, hostId, n.receivedAt(), RollupRows.HOST.values(n)));
                }
                if (RollupRows.HOST_MIB2.samples().hasRow(n)) {
                    add(RollupRows.HOST_MIB2, new SampleValues(hostId, 0, hostId, n.receivedAt(),
                            RollupRows.HOST_MIB2.values(n)));
                }
            } else if (s instanceof EntitySample.VmSample v) {
                long vmId = batch.vmIds()[i];
                if (vmId >= 0 && RollupRows.VM.samples().hasRow(v)) {
                    add(RollupRows.VM, new SampleValues(vmId, 0, hostId, v.receivedAt(), RollupRows.VM.values(v)));
                }
            } else if (s instanceof EntitySample.InterfaceSample f) {
                add(RollupRows.INTERFACE, new SampleValues(hostId, f.ifIndex(), hostId, f.receivedAt(),
                        RollupRows.INTERFACE.values(f)));
            }
        }
    }

    private void add(RollupLayout<?> layout, SampleValues sample) {
        long width = tiers.get(0).widthMillis();
        if (loaded && sample.ts() < closedUntil[0]) {
            lateSamples.incrementAndGet();
        }
        EntityRollup e = live.get(layout).computeIfAbsent(new Key(sample.id(), sample.sub()),
                k -> new EntityRollup(layout, width, null));
        Bucket closed = e.add(sample);
        if (closed != null) {
            finished.get(layout).add(closed);
        }
    }

    private void load(Connection c, long now) throws SQLException {
        long coarsest = tiers.get(tiers.size() - 1).widthMillis();
        // a first start rolls up the raw samples there are, as far as the finest tier keeps them
        long initial = EntityRollup.bucketStart(now - Math.min(rawRetentionMillis, tiers.get(0).retentionMillis()),
                coarsest);
        Map<Long, Long> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT width_ms, closed_until FROM rollup_progress");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stored.put(rs.getLong(1), rs.getLong(2));
            }
        }
        c.commit();
        for (int i = 0; i < tiers.size(); i++) {
            closedUntil[i] = stored.getOrDefault(tiers.get(i).widthMillis(), initial);
        }
        nextRetentionAt = now;
        loaded = true;
    }

    /** Closes the finest tier's buckets that are due: from memory, or a chunk of them from raw samples. */
    private boolean closeFinest(Connection c, long now) throws SQLException {
        RollupTier tier = tiers.get(0);
        long width = tier.widthMillis();
        long due = EntityRollup.bucketStart(now - graceMillis, width);
        long from = closedUntil[0];
        if (from >= due) {
            return false;
        }
        Map<RollupLayout<?>, List<Bucket>> rows = new IdentityHashMap<>();
        long till;
        if (from < memoryFrom) {
            till = Math.min(due, Math.min(memoryFrom, from + chunk(width)));
            for (RollupLayout<?> layout : RollupRows.ALL) {
                rows.put(layout, fromRaw(c, layout, width, Math.max(from, now - rawRetentionMillis), till));
            }
        } else {
            till = due;
            for (RollupLayout<?> layout : RollupRows.ALL) {
                rows.put(layout, fromMemory(layout, from, till));
            }
        }
        write(c, 0, from, till, rows);
        forgetQuiet(till);
        return true;
    }

    /** The buckets in [from, till) memory holds, taken out of it; those before {@code from} are dropped. */
    private List<Bucket> fromMemory(RollupLayout<?> layout, long from, long till) {
        List<Bucket> out = new ArrayList<>();
        for (Iterator<Bucket> it = finished.get(layout).iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            if (b.start < till) {
                it.remove();
                if (b.start >= from) {
                    out.add(b);
                }
            }
        }
        for (EntityRollup e : live.get(layout).values()) {
            Bucket b = e.closeBefore(till);
            if (b != null && b.start >= from) {
                out.add(b);
            }
        }
        return out;
    }

    private void forgetQuiet(long till) {
        for (Map<Key, EntityRollup> entities : live.values()) {
            entities.values().removeIf(e -> e.lastTs() < till - FORGET_AFTER_MILLIS && e.closeBefore(till) == null);
        }
        // buckets memory need not keep: already covered by raw recomputation
        for (List<Bucket> list : finished.values()) {
            list.removeIf(b -> b.start < closedUntil[0]);
        }
    }

    /** The buckets in [from, till) computed from raw samples, entity by entity. */
    private List<Bucket> fromRaw(Connection c, RollupLayout<?> layout, long width, long from, long till)
            throws SQLException {
        List<Bucket> out = new ArrayList<>();
        if (from >= till) {
            return out;
        }
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(layout.entities())) {
            Parameters.of(ps).add(till);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(layout.raw())) {
            for (long id : ids) {
                Parameters.of(ps).add(id).add(from - LOOKBACK_MILLIS).add(till);
                List<SampleValues> run = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SampleValues s = layout.readRaw(rs, id);
                        if (!run.isEmpty() && run.get(0).sub() != s.sub()) {
                            out.addAll(bucketsOf(layout, width, from, run));
                            run.clear();
                        }
                        run.add(s);
                    }
                }
                if (!run.isEmpty()) {
                    out.addAll(bucketsOf(layout, width, from, run));
                }
            }
        }
        c.commit();
        return out;
    }

    /** One entity's buckets from {@code from} on, the samples before it serving only for rates. */
    private static List<Bucket> bucketsOf(RollupLayout<?> layout, long width, long from, List<SampleValues> run) {
        SampleValues before = null;
        int first = 0;
        while (first < run.size() && run.get(first).ts() < from) {
            before = run.get(first++);
        }
        return EntityRollup.buckets(layout, width, before, run.subList(first, run.size()));
    }

    /** Merges the due buckets (at most a chunk) of the first coarser tier that has some, from its finer tier's rows. */
    private boolean mergeCoarser(Connection c) throws SQLException {
        for (int k = 1; k < tiers.size(); k++) {
            long width = tiers.get(k).widthMillis();
            long due = EntityRollup.bucketStart(closedUntil[k - 1], width);
            long from = closedUntil[k];
            if (from >= due) {
                continue;
            }
            long till = Math.min(due, from + chunk(width));
            Map<RollupLayout<?>, List<Bucket>> rows = new IdentityHashMap<>();
            for (RollupLayout<?> layout : RollupRows.ALL) {
                rows.put(layout, merged(c, layout, tiers.get(k - 1).widthMillis(), width, from, till));
            }
            write(c, k, from, till, rows);
            return true;
        }
        return false;
    }

    /** How much of a tier one step handles at most: a whole number of buckets. */
    private static long chunk(long width) {
        return Math.max(width, CATCH_UP_CHUNK_MILLIS / width * width);
    }

    /** The buckets of {@code width} in [from, till), each merged from the finer rows inside it. */
    private static List<Bucket> merged(Connection c, RollupLayout<?> layout, long finerWidth, long width, long from,
                                       long till) throws SQLException {
        List<Bucket> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(layout.finer())) {
            Parameters.of(ps).add(finerWidth).add(from).add(till);
            List<Bucket> run = new ArrayList<>();
            long runStart = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Bucket b = layout.readBucket(rs);
                    long start = EntityRollup.bucketStart(b.start, width);
                    if (!run.isEmpty() && (run.get(0).id != b.id || run.get(0).sub != b.sub || runStart != start)) {
                        out.add(EntityRollup.merge(layout, runStart, run));
                        run.clear();
                    }
                    runStart = start;
                    run.add(b);
                }
            }
            if (!run.isEmpty()) {
                out.add(EntityRollup.merge(layout, runStart, run));
            }
        }
        c.commit();
        return out;
    }

    /** Replaces tier {@code k}'s buckets in [from, till) by {@code rows} and records the progress, in one transaction. */
    private void write(Connection c, int k, long from, long till, Map<RollupLayout<?>, List<Bucket>> rows)
            throws SQLException {
        long width = tiers.get(k).widthMillis();
        long written = 0;
        for (RollupLayout<?> layout : RollupRows.ALL) {
            try (PreparedStatement delete = c.prepareStatement(layout.delete())) {
                Parameters.of(delete).add(width).add(from).add(till);
                delete.executeUpdate();
            }
            List<Bucket> buckets = rows.get(layout);
            if (!buckets.isEmpty()) {
                try (PreparedStatement insert = c.prepareStatement(layout.insert())) {
                    for (Bucket b : buckets) {
                        layout.bind(insert, width, b);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                written += buckets.size();
            }
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE rollup_progress SET closed_until = ? WHERE width_ms = ?")) {
            Parameters.of(update).add(till).add(width);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO rollup_progress (width_ms, closed_until) VALUES (?, ?)")) {
                    Parameters.of(insert).add(width).add(till);
                    insert.executeUpdate();
                }
            }
        }
        c.commit();
        closedUntil[k] = till;
        rowsWritten[k].addAndGet(written);
    }

    /** Deletes, per tier, at most a day of buckets older than its retention; once a minute. */
    private boolean retention(Connection c, long now) throws SQLException {
        if (now < nextRetentionAt) {
            return false;
        }
        boolean more = false;
        for (RollupTier tier : tiers) {
            long cutoff = now - tier.retentionMillis();
            for (RollupLayout<?> layout : RollupRows.ALL) {
                long oldest;
                try (PreparedStatement ps = c.prepareStatement("SELECT MIN(" + RollupLayout.START + ") FROM "
                        + layout.table() + " WHERE " + RollupLayout.WIDTH + " = ?")) {
                    Parameters.of(ps).add(tier.widthMillis());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        oldest = rs.getLong(1);
                        if (rs.wasNull() || oldest >= cutoff) {
                            continue;
                        }
                    }
                }
                long bound = Math.min(cutoff, oldest + TimeUnit.DAYS.toMillis(1));
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + layout.table() + " WHERE "
                        + RollupLayout.WIDTH + " = ? AND " + RollupLayout.START + " < ?")) {
                    Parameters.of(ps).add(tier.widthMillis()).add(bound);
                    ps.executeUpdate();
                }
                more |= bound < cutoff;
            }
        }
        c.commit();
        if (!more) {
            nextRetentionAt = now + RETENTION_EVERY_MILLIS;
        }
        return more;
    }

    /** Waits about {@code seconds} after a fault, still taking what the writer commits. */
    private void pause(int seconds) {
        for (int i = 0; i < seconds && running; i++) {
            Batch b = poll();
            if (b != null) {
                feed(b);
            }
        }
    }

    /** Stops after the current step. Open buckets are not written: a restart computes them from raw samples. */
    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
