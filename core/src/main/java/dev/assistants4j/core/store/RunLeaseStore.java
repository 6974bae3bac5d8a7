package dev.assistants4j.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which node executes which run, when several nodes share one database: a node holds a run's lease while it executes
 * it and renews its leases while it lives; a run whose lease expired (its node died or lost the database) is taken
 * over by another node. Times are the nodes' clocks (kept within a second or so of each other by NTP; a lease lasts
 * many seconds). Thread-safe; every write is durable on return.
 *
 * <p>The same leases say which node ingests which vector store file ({@link #fileKey}): a lease is keyed by a string,
 * and a file's key cannot be a run id. {@link #renew} extends both kinds, since a node renews everything it holds.
 */
public interface RunLeaseStore {

    /** What every {@link #fileKey} starts with. */
    String FILE_KEY_PREFIX = "vsf:";

    /**
     * Takes the lease of {@code runId} for {@code owner} until {@code until}, unless another owner holds one that has
     * not expired at {@code now}. The lease gets a new token when it passes to {@code owner} (from no one, or from
     * another owner); an owner that holds it already keeps its token, so its running writers stay valid.
     *
     * @return the fence of {@code owner}'s lease (see {@link Stores#fenced}) when it holds it now, else empty
     */
    Optional<Fence> acquire(String runId, String owner, Instant now, Instant until);

    /**
     * Extends every lease {@code owner} still holds to {@code until}.
     *
     * @return the runs whose leases {@code owner} holds
     */
    List<String> renew(String owner, Instant until);

    /** Gives up {@code owner}'s lease of {@code runId}; nothing when another owner holds it. */
    void release(String runId, String owner);

    /**
     * True when an owner other than {@code owner} holds an unexpired lease of the run at {@code now}: the run is
     * executing on another node.
     */
    boolean heldByAnother(String runId, String owner, Instant now);

    /**
     * Runs being executed ({@code queued}, {@code in_progress} or {@code cancelling}) whose lease expired at {@code
     * now} or that have none, oldest first, at most {@code limit}: the runs to take over.
     */
    List<RunStore.ProjectRun> orphaned(Instant now, int limit);

    /**
     * The lease key of the ingestion of a vector store file: {@code vsf:<vector_store_id>/<file_id>}. Stores build the
     * same key in {@link #orphanedFiles}.
     */
    static String fileKey(String vectorStoreId, String fileId) {
        return FILE_KEY_PREFIX + vectorStoreId + "/" + fileId;
    }

    /**
     * Vector store files in progress whose ingestion lease ({@link #fileKey}) expired at {@code now} or that have none,
     * oldest first, at most {@code limit}: the files no live node is ingesting.
     */
    List<VectorStoreFileStore.PendingFile> orphanedFiles(Instant now, int limit);
}
