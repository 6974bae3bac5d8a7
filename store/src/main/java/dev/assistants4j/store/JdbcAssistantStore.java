package dev.assistants4j.store;

import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.store.AssistantStore;
import java.util.Map;

/** Assistants in the {@code assistants} table. Thread-safe. */
final class JdbcAssistantStore extends ProjectObjectStore<Assistant> implements AssistantStore {

    JdbcAssistantStore(Database db) {
        super(db, new ObjectTable<>("assistants", Assistant.class, Assistant::id));
    }

    @Override
    public void insert(String projectId, Assistant assistant) {
        db.writeVoid(h -> table.insert(h, projectId, assistant.createdAt(), Map.of(), assistant));
    }
}
