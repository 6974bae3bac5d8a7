package dev.assistants4j.store;

import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.store.AssistantStore;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import java.util.Map;
import java.util.Optional;

/** Assistants in the {@code assistants} table. Thread-safe. */
final class JdbcAssistantStore implements AssistantStore {

    private final Database db;
    private final ObjectTable<Assistant> table = new ObjectTable<>("assistants", Assistant.class, Assistant::id);

    JdbcAssistantStore(Database db) {
        this.db = db;
    }

    @Override
    public void insert(String projectId, Assistant assistant) {
        db.writeVoid(h -> table.insert(h, projectId, assistant.createdAt(), Map.of(), assistant));
    }

    @Override
    public Optional<Assistant> find(String projectId, String assistantId) {
        return db.read(h -> table.find(h, projectId, Map.of(), assistantId));
    }

    @Override
    public boolean update(String projectId, Assistant assistant) {
        return db.write(h -> table.update(h, projectId, Map.of(), assistant));
    }

    @Override
    public boolean delete(String projectId, String assistantId) {
        return db.write(h -> table.delete(h, projectId, Map.of(), assistantId));
    }

    @Override
    public Page<Assistant> list(String projectId, PageRequest page) {
        return db.read(h -> table.list(h, projectId, Map.of(), page));
    }
}
