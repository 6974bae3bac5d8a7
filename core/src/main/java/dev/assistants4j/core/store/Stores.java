package dev.assistants4j.core.store;

/** All stores of one backing database. Closing releases its connections. */
public interface Stores extends AutoCloseable {

    AssistantStore assistants();

    ThreadStore threads();

    MessageStore messages();

    RunStore runs();

    RunStepStore runSteps();

    /** The metadata of uploaded files; their content lives in a {@link BlobStore}. */
    FileStore files();

    /** True when the database answers a trivial query. */
    boolean healthy();

    @Override
    void close();
}
