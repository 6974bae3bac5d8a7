package dev.assistants4j.core.service;

import dev.assistants4j.core.store.RunLeaseStore;
import dev.assistants4j.core.store.VectorStoreFileStore.PendingFile;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases of the vector store files this node ingests, when it shares its database with other nodes ({@link
 * IngestionSharing}): a file is queued here only once this node {@link #claim claimed} it (took its lease, {@link
 * RunLeaseStore#fileKey}), and its claim is {@link #release released} when the work on it ends. Two periodic jobs, on
 * one platform thread:
 *
 * <ul>
 *   <li>every third of the lease time, it renews this node's leases; a file whose lease another node took meanwhile
 *       (this node was paused or cut off for longer than a lease) is no longer {@link #holds held}, so its work here
 *       stops writing, and a lease this node holds for a file it no longer works on (a release that failed) is given
 *       up;
 *   <li>every {@link IngestionSharing#scanEvery()}, it hands the {@code scan} job the files no live node ingests.
 * </ul>
 *
 * <p>A job that fails (the database is away) logs and tries again at its next turn. Thread-safe.
 */
final class IngestionLeases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestionLeases.class);
    private static final int SCAN_BATCH = 64;

    private final RunLeaseStore leases;
    private final IngestionSharing sharing;
    private final Clock clock;
    /** The files this node claimed, by lease key; guarded by {@code this}, like every claim and release. */
    private final Map<String, Claim> claims = new HashMap<>();

    private final ScheduledExecutorService jobs = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("vector-store-ingestion-leases").factory());

    /** This node's hold on one file; compared by identity, so a file claimed again is a new claim. */
    static final class Claim {
        private final String key;

        private Claim(String key) {
            this.key = key;
        }
    }

    IngestionLeases(RunLeaseStore leases, IngestionSharing sharing, Clock clock) {
        this.leases = leases;
        this.sharing = sharing;
        this.clock = clock;
    }

    /** Starts renewing and scanning; {@code scan} first runs after one scan period (start-up recovery scans first). */
    void start(Runnable scan) {
        long renew = sharing.renewEvery().toMillis();
        long every = sharing.scanEvery().toMillis();
        jobs.scheduleWithFixedDelay(
                () -> guarded("renew its leases", this::renew), renew, renew, TimeUnit.MILLISECONDS);
        jobs.scheduleWithFixedDelay(
                () -> guarded("look for files to ingest", scan), every, every, TimeUnit.MILLISECONDS);
    }

    private void guarded(String what, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.warn("Node {}: could not {}: {}", sharing.nodeId(), what, e.getMessage());
        }
    }

    /**
     * Takes the lease of the file for this node, unless it already works on it or another node holds an unexpired
     * lease.
     */
    synchronized Optional<Claim> claim(String vectorStoreId, String fileId) {
        String key = RunLeaseStore.fileKey(vectorStoreId, fileId);
        if (claims.containsKey(key)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (leases.acquire(key, sharing.nodeId(), now, now.plus(sharing.leaseTime()))
                .isEmpty()) {
            return Optional.empty();
        }
        Claim claim = new Claim(key);
        claims.put(key, claim);
        return Optional.of(claim);
    }

    /** True while {@code claim} is this node's current claim of its file (not released, not lost to another node). */
    synchronized boolean holds(Claim claim) {
        return claims.get(claim.key) == claim;
    }

    /** Ends the claim and gives up its lease; nothing when it was released or lost already. */
    synchronized void release(Claim claim) {
        if (claims.remove(claim.key, claim)) {
            giveUp(claim.key);
        }
    }

    private void giveUp(String key) {
        try {
            leases.release(key, sharing.nodeId());
        } catch (RuntimeException e) {
            // Renewed while this node lives, the lease is given up by a later renewal (it is no claim any more).
            LOG.warn("Node {}: could not release the lease {}: {}", sharing.nodeId(), key, e.getMessage());
        }
    }

    /** Files in progress that no live node ingests, not counting those claimed here. */
    List<PendingFile> orphans() {
        List<PendingFile> orphans = leases.orphanedFiles(clock.instant(), SCAN_BATCH);
        synchronized (this) {
            return orphans.stream()
                    .filter(p -> !claims.containsKey(RunLeaseStore.fileKey(
                            p.file().vectorStoreId(), p.file().id())))
                    .toList();
        }
    }

    void renew() {
        List<Claim> before;
        synchronized (this) {
            before = List.copyOf(claims.values()); // each took its lease before it was listed
        }
        List<String> held = leases.renew(sharing.nodeId(), clock.instant().plus(sharing.leaseTime()));
        synchronized (this) {
            for (Claim claim : before) {
                if (!held.contains(claim.key) && claims.remove(claim.key, claim)) {
                    LOG.warn("Node {} lost the lease {}: another node ingests the file", sharing.nodeId(), claim.key);
                }
            }
            // Claims and releases hold this lock around their lease writes: a file key held but not claimed is stale.
            for (String key : held) {
                if (key.startsWith(RunLeaseStore.FILE_KEY_PREFIX) && !claims.containsKey(key)) {
                    giveUp(key);
                }
            }
        }
    }

    /** Stops the periodic jobs. */
    @Override
    public void close() {
        jobs.shutdownNow();
    }

    /** Gives up every claim, so that other nodes take the files over at their next scan. */
    synchronized void releaseAll() {
        for (String key : List.copyOf(claims.keySet())) {
            claims.remove(key);
            giveUp(key);
        }
    }
}
