package dev.assistants4j.core.store;

import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.Message;
import java.util.List;
import java.util.Optional;

/** Durable threads, scoped by project. Thread-safe; every write is durable on return. */
public interface ThreadStore {

    /** Stores a thread and its initial messages in one transaction. */
    void insert(String projectId, AssistantThread thread, List<Message> messages);

    Optional<AssistantThread> find(String projectId, String threadId);

    /** Replaces a stored thread; returns false when it does not exist in the project. */
    boolean update(String projectId, AssistantThread thread);

    /** Deletes a thread with all its messages; returns false when it did not exist. */
    boolean delete(String projectId, String threadId);
}
