package dev.assistants4j.core.store;

/** All stores of one backing database. Closing releases its connections. */
public interface Stores extends AutoCloseable {

    AssistantStore assistants();

    ThreadStore threads();

    MessageStore messages();

    RunStore runs();

    RunStepStore runSteps();

    /** Which node executes which run (see {@link RunLeaseStore}). */
    RunLeaseStore runLeases();

    /** The metadata of uploaded files; their content lives in a {@link BlobStore}. */
    FileStore files();

    /** Vector stores; their files and batches are in {@link #vectorStoreFiles()} and {@link #vectorStoreFileBatches()}. */
    VectorStoreStore vectorStores();

    VectorStoreFileStore vectorStoreFiles();

    VectorStoreFileBatchStore vectorStoreFileBatches();

    /** Virtual keys (LiteLLM's {@code /key/*}). */
    KeyStore keys();

    /** Teams (LiteLLM's {@code /team/*}); a team is a project. */
    TeamStore teams();

    /** Moves and removals of a whole project's objects. */
    ProjectStore projects();

    /**
     * These stores as the holder of {@code fence} writes to them: each write of {@link #runs()}, {@link #runSteps()}
     * and {@link #messages()} checks, in its own transaction, that the fence's lease still has the fence's token, and
     * is refused with {@link FencedOffException} (nothing of it stored) once the lease passed to another holder. A
     * lease cannot pass to another holder while such a write is in flight, so no refused holder's write lands after the
     * new holder began. Reads, and the other stores, are these stores'.
     */
    Stores fenced(Fence fence);

    /** True when the database answers a trivial query. */
    boolean healthy();

    /**
     * True when the database takes writes. After a write failed because it could not (a full disk, an I/O error),
     * false until a write succeeds again; this probes with a small write, at most about once a second.
     */
    boolean writable();

    @Override
    void close();
}
