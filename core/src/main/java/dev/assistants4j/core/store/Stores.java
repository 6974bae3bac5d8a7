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
