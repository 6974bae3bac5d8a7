package dev.assistants4j.core.store;

/**
 * What {@link Stores#fenced} returns: {@code base} with the run, step and message stores of one fence's holder, whose
 * writes check the fence. Closing it does nothing (the base stores close on their own). Thread-safe as its parts.
 */
public record FencedStores(Stores base, RunStore runs, RunStepStore runSteps, MessageStore messages) implements Stores {

    @Override
    public AssistantStore assistants() {
        return base.assistants();
    }

    @Override
    public ThreadStore threads() {
        return base.threads();
    }

    @Override
    public RunLeaseStore runLeases() {
        return base.runLeases();
    }

    @Override
    public FileStore files() {
        return base.files();
    }

    @Override
    public VectorStoreStore vectorStores() {
        return base.vectorStores();
    }

    @Override
    public VectorStoreFileStore vectorStoreFiles() {
        return base.vectorStoreFiles();
    }

    @Override
    public VectorStoreFileBatchStore vectorStoreFileBatches() {
        return base.vectorStoreFileBatches();
    }

    @Override
    public KeyStore keys() {
        return base.keys();
    }

    @Override
    public TeamStore teams() {
        return base.teams();
    }

    @Override
    public ProjectStore projects() {
        return base.projects();
    }

    @Override
    public Stores fenced(Fence fence) {
        return base.fenced(fence);
    }

    @Override
    public boolean healthy() {
        return base.healthy();
    }

    @Override
    public boolean writable() {
        return base.writable();
    }

    @Override
    public void close() {}
}
