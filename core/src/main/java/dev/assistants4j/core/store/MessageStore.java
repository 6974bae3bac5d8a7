package dev.assistants4j.core.store;

import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import java.util.Optional;

/** Durable messages of threads, scoped by project. Thread-safe; every write is durable on return. */
public interface MessageStore {

    void insert(String projectId, Message message);

    /**
     * Stores a new message if its thread exists and has no active (non-terminal) run, in one transaction: no run can
     * start, and the thread cannot be deleted, between the checks and the insert. Checking the thread here, on the
     * writer's connection, spares the caller a read of its own (half of a message write's CPU when it was one).
     *
     * @return what was done
     */
    Insertion insertIfIdle(String projectId, Message message);

    /** What {@link #insertIfIdle} did. */
    sealed interface Insertion {

        /** The message was stored. */
        record Stored() implements Insertion {}

        /** Nothing was stored: {@code active} holds the thread. */
        record Refused(Run active) implements Insertion {}

        /** Nothing was stored: the project has no such thread. */
        record NoThread() implements Insertion {}
    }

    Optional<Message> find(String projectId, String threadId, String messageId);

    /** Replaces a stored message; returns false when it does not exist. */
    boolean update(String projectId, Message message);

    /** Returns false when it did not exist. */
    boolean delete(String projectId, String threadId, String messageId);

    /** Messages of a thread, optionally only those a run created. */
    Page<Message> list(String projectId, String threadId, Optional<String> runId, PageRequest page);
}
