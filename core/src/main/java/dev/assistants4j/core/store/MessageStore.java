package dev.assistants4j.core.store;

import dev.assistants4j.core.domain.Message;
import java.util.Optional;

/** Durable messages of threads, scoped by project. Thread-safe; every write is durable on return. */
public interface MessageStore {

    void insert(String projectId, Message message);

    Optional<Message> find(String projectId, String threadId, String messageId);

    /** Replaces a stored message; returns false when it does not exist. */
    boolean update(String projectId, Message message);

    /** Returns false when it did not exist. */
    boolean delete(String projectId, String threadId, String messageId);

    /** Messages of a thread, optionally only those a run created. */
    Page<Message> list(String projectId, String threadId, Optional<String> runId, PageRequest page);
}
