package dev.assistants4j.store;

import dev.assistants4j.core.error.ServiceUnavailableException;
import dev.assistants4j.core.search.ChunkHit;
import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.search.ChunkQuery;
import dev.assistants4j.core.search.IndexedChunk;
import dev.assistants4j.store.ChunkLog.Change;
import dev.assistants4j.store.ChunkLog.FileKey;
import dev.assistants4j.store.ChunkLog.Head;
import dev.assistants4j.store.ChunkLog.Written;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunk index of a node on PostgreSQL: the chunks of every node live in the database (see {@link ChunkLog}), and
 * this node answers searches from its own local index (Lucene), which a follower thread keeps a copy of them.
 *
 * <p><b>Writes</b> ({@link #add}, {@link #deleteFile}, {@link #deleteStore}) commit to the database first (a database
 * that cannot be used: a 503, nothing stored), then return once the local index holds them. The follower alone
 * changes the local index: every change, this node's (from memory) and the others' (their files as the database holds
 * them), in the log's order, consecutive adds in one call. If the local index cannot take a change the database
 * already holds, the write fails with a 503 that says so; the follower keeps trying, and every write is idempotent,
 * so retrying is safe.
 *
 * <p><b>Reads</b> ({@link #search}, {@link #chunkCount}, {@link #chunks}) answer from the local index once it has
 * applied every change committed before the read began, on any node: the read has the follower read the log once
 * more (reads that arrive together share one), then answers. A change acknowledged by one node is therefore seen by
 * every read that starts after it, on any node. When the database does not answer within {@link
 * Settings#freshnessWait()} (or the follower's last read of it failed), the read answers from the local index as it
 * is, which lags the other nodes by what it missed since. Until the local index holds every change the database had
 * when the node started (or began building the index anew), reads wait up to {@link Settings#startupWait()}, then
 * fail with a 503.
 *
 * <p><b>Start.</b> The local index records, in its {@linkplain LocalChunkIndex#positionFile() position file}, which
 * database it follows and the last change it holds. When the file names this database and a change it has, the node
 * applies the changes after it; otherwise (no file, another database, a change the database does not have, as after
 * a restore from a backup) it clears the local index and builds it from one snapshot of the {@code chunks} table. (A
 * database restored from a backup and then written past the recorded change again is not told apart: remove the
 * index directories after a restore.) The follower also polls the log every {@link Settings#pollInterval()}, so
 * other nodes' changes reach the local index within about that even when nothing reads.
 *
 * <p>Thread-safe. {@link #close()} stops the follower (after the change it is applying: it is never interrupted, so
 * Lucene never sees an interrupt) and closes the local index.
 */
public final class ReplicatedChunkIndex implements ChunkIndex {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedChunkIndex.class);

    /** The most changes the follower reads at once. */
    private static final int BATCH = 256;

    /** The most chunks the follower hands the local index in one call. */
    private static final int MERGED_CHUNKS = 10_000;

    private static final Duration SAVE_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    /**
     * How the follower paces itself and how long callers wait for it.
     *
     * @param pollInterval how often the follower reads the log when nothing asks it to
     * @param startupWait how long a read waits for the node's first catch-up before it fails with a 503
     * @param freshnessWait how long a read waits for the follower to read the log, before it answers without
     * @param applyWait how long a write waits for the local index to take it, before it fails with a 503
     */
    record Settings(Duration pollInterval, Duration startupWait, Duration freshnessWait, Duration applyWait) {
        static final Settings DEFAULTS = new Settings(
                Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    /** What a change does to the local index. */
    private sealed interface Op {
        /** The file's chunks are these (not empty). */
        record AddFile(List<IndexedChunk> chunks) implements Op {}

        record DeleteFile(String vectorStoreId, String fileId) implements Op {}

        record DeleteStore(String vectorStoreId) implements Op {}
    }

    /** A change to apply. */
    private record Step(long seq, Op op) {}

    private final ChunkLog log;
    private final LocalChunkIndex local;
    private final ChunkIndex delegate;
    private final Settings settings;
    private final String databaseId;
    private final Thread follower;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled by the follower: a change applied, a read of the log done, a failure, ready. */
    private final Condition progress = lock.newCondition();
    /** Signalled for the follower: a write to apply, a read that wants the log read, close. */
    private final Condition work = lock.newCondition();

    // guarded by lock
    /** The last change the local index holds; -1 until the follower knows. */
    private long applied = -1;
    /** The local index has caught up with the database since it started (or was last rebuilt). */
    private boolean ready;
    /** The change the local index needs to hold to be {@link #ready}: the head when the follower began. */
    private long readyAt = Long.MAX_VALUE;
    /** This node's committed changes the follower has not applied yet, by seq, applied from memory. */
    private final NavigableMap<Long, Op> own = new TreeMap<>();
    /** The highest change a write waits for. */
    private long awaited;
    /** Reads of the log to its end the follower began, and finished; a read waits for one that began after it. */
    private long pollsStarted;

    private long pollsFinished;
    private boolean pollWanted;
    /** When the follower began the read of the log it is doing; 0 when it is not reading. */
    private long pollingSince;
    /** The follower's last failure, until it succeeds again; and how many it had, so waiters can tell a new one. */
    private RuntimeException failure;

    private long failures;
    private boolean closed;

    // the follower's own
    private boolean rebuildNeeded;
    /** Whether the local index's content is what {@link #applied} says (false while it is being rebuilt). */
    private boolean positionValid;

    private long savedSeq = -1;
    private long savedAt = System.nanoTime() - SAVE_INTERVAL.toNanos();
    private long nextPollAt;

    private ReplicatedChunkIndex(ChunkLog log, LocalChunkIndex local, Settings settings, String databaseId) {
        this.log = log;
        this.local = local;
        this.delegate = local.index();
        this.settings = settings;
        this.databaseId = databaseId;
        this.follower =
                Thread.ofPlatform().daemon().name("chunk-index-follower").unstarted(this::follow);
    }

    /**
     * Starts following the database with {@code local}: records its embedder as the database's when the database
     * has no chunks yet, and starts the follower, which catches up in the background.
     *
     * @throws IllegalStateException when the database's chunks were embedded by another model
     * @throws ServiceUnavailableException when the database cannot be used now
     */
    static ReplicatedChunkIndex start(Database db, LocalChunkIndex local, Settings settings) {
        ChunkLog log = new ChunkLog(db);
        Head head = log.claim(local.embedder(), local.dimensions());
        if (!head.accepts(local.embedder(), local.dimensions())) {
            throw new IllegalStateException("The database's chunks were embedded by " + head.describeEmbedder()
                    + ", but this server is configured with '" + local.embedder() + "' with " + local.dimensions()
                    + " dimensions: every server on one database needs the same file_search embedding model (to"
                    + " change it, delete the vector stores first, or their files)");
        }
        ReplicatedChunkIndex index = new ReplicatedChunkIndex(log, local, settings, head.databaseId());
        index.follower.start();
        return index;
    }

    // ---- writes

    /**
     * Stores the chunks in the database, then returns once the local index holds them.
     *
     * @throws IllegalArgumentException when a vector does not have the embedder's dimensions or is not finite, or a
     *     chunk index repeats within a file (nothing is stored)
     */
    @Override
    public void add(List<IndexedChunk> chunks) {
        ensureOpen();
        Map<FileKey, List<IndexedChunk>> files = byFile(chunks);
        if (files.isEmpty()) {
            return;
        }
        Written written = log.add(databaseId, files, local.embedder(), local.dimensions());
        Map<Long, Op> ops = new LinkedHashMap<>();
        long seq = written.seq() - files.size();
        for (List<IndexedChunk> file : files.values()) {
            ops.put(++seq, new Op.AddFile(file));
        }
        awaitApplied(ops, written.seq());
    }

    @Override
    public void deleteFile(String vectorStoreId, String fileId) {
        ensureOpen();
        Written written = log.deleteFile(databaseId, new FileKey(vectorStoreId, fileId));
        awaitApplied(
                written.changed() ? Map.of(written.seq(), new Op.DeleteFile(vectorStoreId, fileId)) : Map.of(),
                written.seq());
    }

    @Override
    public void deleteStore(String vectorStoreId) {
        ensureOpen();
        Written written = log.deleteStore(databaseId, vectorStoreId);
        awaitApplied(
                written.changed() ? Map.of(written.seq(), new Op.DeleteStore(vectorStoreId)) : Map.of(), written.seq());
    }

    private Map<FileKey, List<IndexedChunk>> byFile(List<IndexedChunk> chunks) {
        Map<FileKey, List<IndexedChunk>> files = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (IndexedChunk chunk : chunks) {
            String what = "chunk " + chunk.index() + " of file " + chunk.fileId();
            if (chunk.vector().length != local.dimensions()) {
                throw new IllegalArgumentException(what + " has " + chunk.vector().length + " dimensions, but the index"
                        + " holds " + local.dimensions() + "-dimensional vectors of " + local.embedder());
            }
            for (float x : chunk.vector()) {
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException(what + " has a vector that is not finite");
                }
            }
            if (!seen.add(chunk.vectorStoreId() + "\u0000" + chunk.fileId() + "\u0000" + chunk.index())) {
                throw new IllegalArgumentException(what + " of vector store " + chunk.vectorStoreId() + " repeats");
            }
            files.computeIfAbsent(new FileKey(chunk.vectorStoreId(), chunk.fileId()), k -> new ArrayList<>())
                    .add(chunk);
        }
        return files;
    }

    /**
     * Hands this node's committed changes to the follower and waits until the local index holds everything up to
     * {@code seq}.
     */
    private void awaitApplied(Map<Long, Op> ops, long seq) {
        lock.lock();
        try {
            ops.forEach((s, op) -> {
                if (s > applied) {
                    own.put(s, op);
                }
            });
            if (applied >= seq) {
                return;
            }
            awaited = Math.max(awaited, seq);
            work.signal();
            long seenFailures = failures;
            long deadline = System.nanoTime() + settings.applyWait().toNanos();
            while (applied < seq) {
                if (closed) {
                    throw new IllegalStateException("the chunk index closed before it took the change");
                }
                if (failures != seenFailures) {
                    throw notApplied(failure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw notApplied(new IllegalStateException("it did not within " + settings.applyWait()));
                }
                progress.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notApplied(new IllegalStateException("interrupted", e));
        } finally {
            lock.unlock();
        }
    }

    private static ServiceUnavailableException notApplied(RuntimeException cause) {
        return new ServiceUnavailableException(
                "The change is stored, but this server's search index has not taken it yet (" + cause.getMessage()
                        + "); it will by itself. Retrying the request is safe.",
                "store_unavailable",
                cause);
    }

    // ---- reads

    @Override
    public List<ChunkHit> search(ChunkQuery query) {
        awaitFresh();
        return delegate.search(query);
    }

    @Override
    public int chunkCount(String vectorStoreId, String fileId) {
        awaitFresh();
        return delegate.chunkCount(vectorStoreId, fileId);
    }

    @Override
    public List<ChunkHit> chunks(String vectorStoreId, String fileId) {
        awaitFresh();
        return delegate.chunks(vectorStoreId, fileId);
    }

    /** Waits for the local index to hold every change committed before now (see the class comment for limits). */
    private void awaitFresh() {
        lock.lock();
        try {
            ensureOpen();
            long readyBy = System.nanoTime() + settings.startupWait().toNanos();
            while (!ready) {
                long left = readyBy - System.nanoTime();
                if (left <= 0) {
                    throw new ServiceUnavailableException(
                            "This server is still building its search index from the database"
                                    + (failure == null ? "" : " (" + failure.getMessage() + ")")
                                    + ". Retry shortly.",
                            "store_unavailable",
                            failure);
                }
                progress.awaitNanos(left);
                ensureOpen();
            }
            long now = System.nanoTime();
            if (failure != null
                    || (pollingSince != 0
                            && now - pollingSince > settings.freshnessWait().toNanos())) {
                return; // the database does not answer: what this node has
            }
            long freshBy = now + settings.freshnessWait().toNanos();
            long ticket = pollsStarted + 1;
            long seenFailures = failures;
            pollWanted = true;
            work.signal();
            while (pollsFinished < ticket && failures == seenFailures && !closed) {
                long left = freshBy - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                progress.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the search index", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Says why the node cannot serve searches yet: its local index has not applied every change the database had when
     * the node started (or began building the index anew), with how far it is.
     */
    @Override
    public Optional<String> notReady() {
        lock.lock();
        try {
            if (closed) {
                return Optional.of("the search index is closed");
            }
            if (ready) {
                return Optional.empty();
            }
            String progress =
                    applied < 0 || readyAt == Long.MAX_VALUE ? "starting" : "at change " + applied + " of " + readyAt;
            return Optional.of("the search index is catching up with the database (" + progress + ")"
                    + (failure == null ? "" : ": " + failure.getMessage()));
        } finally {
            lock.unlock();
        }
    }

    // ---- the follower

    private void follow() {
        Duration retryDelay = settings.pollInterval();
        boolean failing = false;
        while (!isClosed()) {
            try {
                if (applied() < 0 || rebuildNeeded) {
                    begin();
                }
                applyOwn();
                if (pollDue()) {
                    poll();
                }
                savePosition(false);
                if (failing) {
                    LOG.info("The search index follows the database again");
                    failing = false;
                }
                succeeded();
                retryDelay = settings.pollInterval();
            } catch (RuntimeException e) {
                if (isClosed()) {
                    break;
                }
                if (!failing) {
                    LOG.warn("The search index cannot follow the database now; trying again", e);
                    failing = true;
                } else {
                    LOG.debug("The search index still cannot follow the database", e);
                }
                failed(e);
                pause(retryDelay);
                retryDelay = retryDelay.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0
                        ? MAX_RETRY_DELAY
                        : retryDelay.multipliedBy(2);
                continue;
            }
            awaitWork();
        }
        try {
            savePosition(true);
        } catch (RuntimeException e) {
            LOG.warn("Could not record the search index's position on close", e);
        }
    }

    /** Decides where the local index starts: at its recorded position, or built anew from the database. */
    private void begin() {
        Head head = log.head();
        Optional<ReplicaPosition> position =
                rebuildNeeded ? Optional.empty() : local.positionFile().flatMap(ReplicaPosition::read);
        if (position.isPresent()
                && position.get().databaseId().equals(head.databaseId())
                && position.get().seq() <= head.seq()) {
            LOG.info(
                    "The search index holds the database's chunks up to change {} of {}: applying the rest",
                    position.get().seq(),
                    head.seq());
            positionValid = true;
            setReadyAt(head.seq());
            advance(position.get().seq());
            savedSeq = position.get().seq();
            return;
        }
        position.ifPresent(p -> LOG.info(
                "The search index was built from {}; building it anew from this database",
                p.databaseId().equals(head.databaseId())
                        ? "change " + p.seq() + ", which this database does not have (restored from a backup?)"
                        : "another database"));
        rebuild();
    }

    /** Clears the local index and builds it from one snapshot of the chunks table. */
    private void rebuild() {
        rebuildNeeded = true;
        positionValid = false;
        lock.lock();
        try {
            applied = -1; // until the snapshot says: a write waits for it, whatever it was numbered
            readyAt = Long.MAX_VALUE;
            ready = false;
        } finally {
            lock.unlock();
        }
        long started = System.nanoTime();
        local.positionFile().ifPresent(ReplicaPosition::delete);
        local.clear().run();
        int[] files = new int[1];
        long seq = log.snapshot(chunks -> {
            if (isClosed()) {
                throw new IllegalStateException("closed while building the search index");
            }
            delegate.add(chunks);
            files[0]++;
        });
        positionValid = true;
        rebuildNeeded = false;
        setReadyAt(seq);
        advance(seq);
        savePosition(true);
        LOG.info(
                "Built the search index from the database: {} files, up to change {}, in {} ms",
                files[0],
                seq,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Applies this node's changes that come next, from memory. */
    private void applyOwn() {
        List<Step> steps = new ArrayList<>();
        lock.lock();
        try {
            for (long seq = applied + 1; own.containsKey(seq); seq++) {
                steps.add(new Step(seq, own.get(seq)));
            }
        } finally {
            lock.unlock();
        }
        applyAll(steps);
    }

    private boolean pollDue() {
        return locked(() -> !ready || pollWanted || awaited > applied || System.nanoTime() - nextPollAt >= 0);
    }

    /** Reads the log to its end and applies what it holds. */
    private void poll() {
        long number = locked(() -> {
            pollWanted = false;
            pollingSince = nonZero(System.nanoTime());
            return ++pollsStarted;
        });
        try {
            while (true) {
                long from = applied();
                List<Change> changes = log.after(from, BATCH);
                if (!changes.isEmpty() && changes.getFirst().seq() != from + 1
                        || !changes.isEmpty() && changes.getLast().seq() != from + changes.size()) {
                    LOG.warn("The database's chunk log skips changes after {}: building the search index anew", from);
                    rebuild();
                    continue;
                }
                applyAll(steps(changes));
                if (changes.size() < BATCH) {
                    break;
                }
            }
        } finally {
            whileLocked(() -> pollingSince = 0);
        }
        whileLocked(() -> {
            pollsFinished = number;
            nextPollAt = System.nanoTime() + settings.pollInterval().toNanos();
            progress.signalAll();
        });
    }

    /**
     * What each change does to the local index: this node's from memory, the others' as the database holds their files
     * now (read in one query). A file's state read later than its change is still right: any later change to it comes
     * later in the log, and is applied after.
     */
    private List<Step> steps(List<Change> changes) {
        Map<Long, Op> mine = new LinkedHashMap<>();
        lock.lock();
        try {
            for (Change change : changes) {
                Op op = own.get(change.seq());
                if (op != null) {
                    mine.put(change.seq(), op);
                }
            }
        } finally {
            lock.unlock();
        }
        List<FileKey> toRead = changes.stream()
                .filter(c -> !mine.containsKey(c.seq()) && c.fileId().isPresent())
                .map(c -> new FileKey(c.vectorStoreId(), c.fileId().get()))
                .toList();
        Map<FileKey, List<IndexedChunk>> files = log.files(toRead);
        List<Step> steps = new ArrayList<>(changes.size());
        for (Change change : changes) {
            Op op = mine.get(change.seq());
            if (op == null && change.fileId().isEmpty()) {
                op = new Op.DeleteStore(change.vectorStoreId());
            } else if (op == null) {
                FileKey file =
                        new FileKey(change.vectorStoreId(), change.fileId().get());
                List<IndexedChunk> chunks = files.get(file);
                op = chunks == null ? new Op.DeleteFile(file.vectorStoreId(), file.fileId()) : new Op.AddFile(chunks);
            }
            steps.add(new Step(change.seq(), op));
        }
        return steps;
    }

    /**
     * Applies the steps in order. Consecutive adds go to the local index in one call (one commit), up to {@link
     * #MERGED_CHUNKS} chunks: they are of distinct files, or the later replaces the earlier, as it would have.
     */
    private void applyAll(List<Step> steps) {
        Map<FileKey, List<IndexedChunk>> adds = new LinkedHashMap<>();
        int chunks = 0;
        long through = -1;
        for (Step step : steps) {
            if (step.op() instanceof Op.AddFile add) {
                IndexedChunk first = add.chunks().getFirst();
                List<IndexedChunk> replaced =
                        adds.put(new FileKey(first.vectorStoreId(), first.fileId()), add.chunks());
                chunks += add.chunks().size() - (replaced == null ? 0 : replaced.size());
                through = step.seq();
                if (chunks >= MERGED_CHUNKS) {
                    addAll(adds, through);
                    chunks = 0;
                }
                continue;
            }
            addAll(adds, through);
            chunks = 0;
            switch (step.op()) {
                case Op.DeleteFile delete -> delegate.deleteFile(delete.vectorStoreId(), delete.fileId());
                case Op.DeleteStore delete -> delegate.deleteStore(delete.vectorStoreId());
                case Op.AddFile add -> throw new AssertionError(add);
            }
            advance(step.seq());
        }
        addAll(adds, through);
    }

    private void addAll(Map<FileKey, List<IndexedChunk>> adds, long through) {
        if (adds.isEmpty()) {
            return;
        }
        List<IndexedChunk> all = new ArrayList<>();
        adds.values().forEach(all::addAll);
        delegate.add(all);
        adds.clear();
        advance(through);
    }

    /** The node is ready once the local index holds {@code seq}. */
    private void setReadyAt(long seq) {
        whileLocked(() -> {
            readyAt = seq;
            ready = applied >= readyAt;
            progress.signalAll();
        });
    }

    /** The local index now holds everything up to {@code seq}. */
    private void advance(long seq) {
        whileLocked(() -> {
            applied = seq;
            ready |= applied >= readyAt;
            own.headMap(seq, true).clear();
            progress.signalAll();
        });
    }

    private void savePosition(boolean now) {
        if (local.positionFile().isEmpty() || !positionValid) {
            return;
        }
        long seq = applied();
        if (seq < 0 || seq == savedSeq || (!now && System.nanoTime() - savedAt < SAVE_INTERVAL.toNanos())) {
            return;
        }
        new ReplicaPosition(databaseId, seq).write(local.positionFile().get());
        savedSeq = seq;
        savedAt = System.nanoTime();
    }

    private void succeeded() {
        whileLocked(() -> failure = null);
    }

    private void failed(RuntimeException e) {
        whileLocked(() -> {
            failure = e;
            failures++;
            progress.signalAll();
        });
    }

    /** Waits for something to do, at most until the next poll is due. */
    private void awaitWork() {
        awaitWhile(() -> !pollWanted && awaited <= applied && !own.containsKey(applied + 1), () -> nextPollAt);
    }

    /** Waits {@code delay} after a failure, whatever asks meanwhile; only close ends it early. */
    private void pause(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        awaitWhile(() -> true, () -> until);
    }

    /**
     * Waits for {@link #work} while {@code idle} holds (read under the lock), at most until {@code deadline} (a
     * {@link System#nanoTime} value, read again after each wake-up); close ends it early.
     */
    private void awaitWhile(BooleanSupplier idle, LongSupplier deadline) {
        lock.lock();
        try {
            while (!closed && idle.getAsBoolean()) {
                long left = deadline.getAsLong() - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                work.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private long applied() {
        return locked(() -> applied);
    }

    private boolean isClosed() {
        return locked(() -> closed);
    }

    /** Runs {@code change} holding the lock. */
    private void whileLocked(Runnable change) {
        lock.lock();
        try {
            change.run();
        } finally {
            lock.unlock();
        }
    }

    /** Reads {@code value} holding the lock. */
    private <T> T locked(Supplier<T> value) {
        lock.lock();
        try {
            return value.get();
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (isClosed()) {
            throw new IllegalStateException("the chunk index is closed");
        }
    }

    private static long nonZero(long nanos) {
        return nanos == 0 ? 1 : nanos;
    }

    /**
     * Stops the follower (after the change it is applying; the local index is never interrupted), records the
     * position and closes the local index. Later calls do nothing.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            work.signalAll();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            if (!follower.join(CLOSE_WAIT)) {
                LOG.warn("The search index's follower did not stop within {}", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delegate.close();
        }
    }
}
