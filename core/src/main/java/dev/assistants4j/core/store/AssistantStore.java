package dev.assistants4j.core.store;

import dev.assistants4j.core.domain.Assistant;
import java.util.Optional;

/**
 * Durable assistants, scoped by project. Every method returns after the write is durable. Implementations are
 * thread-safe.
 */
public interface AssistantStore {

    void insert(String projectId, Assistant assistant);

    Optional<Assistant> find(String projectId, String assistantId);

    /** Replaces a stored assistant; returns false when it does not exist in the project. */
    boolean update(String projectId, Assistant assistant);

    /** Returns false when it did not exist in the project. */
    boolean delete(String projectId, String assistantId);

    Page<Assistant> list(String projectId, PageRequest page);
}
