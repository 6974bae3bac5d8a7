package dev.assistants4j.core.store;

import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import java.util.Optional;

/** Durable messages of threads, scoped by project. Thread-safe; every write is durable on return. */
public interface MessageStore {

    void insert(String projectId, Message message);

    /**
     * Stores a new message unless its thread has an active (non-terminal) run, in one transaction: no run can start
     * between the check and the insert.
     *
     * @return the thread's active run when the message was refused (and not stored), else empty
     */
    Optional<Run> insertUnlessRunActive(String projectId, Message message);

    Optional<Message> find(String projectId, String threadId, String messageId);

    /** Replaces a stored message; returns false when it does not exist. */
    boolean update(String projectId, Message message);

    /** Returns false when it did not exist. */
    boolean delete(String projectId, String threadId, String messageId);

    /** Messages of a thread, optionally only those a run created. */
    Page<Message> list(String projectId, String threadId, Optional<String> runId, PageRequest page);
}
