package dev.assistants4j.store;

import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.store.AssistantStore;

/** Assistants in the {@code assistants} table. Thread-safe. */
final class JdbcAssistantStore extends ProjectObjectStore<Assistant> implements AssistantStore {

    JdbcAssistantStore(Database db) {
        super(db, new ObjectTable<>("assistants", Assistant.class, Assistant::id), Assistant::createdAt);
    }
}
