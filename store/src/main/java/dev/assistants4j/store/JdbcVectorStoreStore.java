package dev.assistants4j.store;

import dev.assistants4j.core.domain.VectorStore;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.VectorStoreFileStore.Usage;
import dev.assistants4j.core.store.VectorStoreStore;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Vector stores in the {@code vector_stores} table, with counts from {@code vector_store_files}. Thread-safe. */
final class JdbcVectorStoreStore extends ProjectObjectStore<VectorStore> implements VectorStoreStore {

    JdbcVectorStoreStore(Database db) {
        super(db, new ObjectTable<>("vector_stores", VectorStore.class, VectorStore::id), VectorStore::createdAt);
    }

    @Override
    public Optional<VectorStore> find(String projectId, String vectorStoreId) {
        return db.read(h -> table.find(h, projectId, Map.of(), vectorStoreId).map(s -> withFiles(h, projectId, s)));
    }

    @Override
    public boolean touch(String projectId, String vectorStoreId, long lastActiveAt) {
        return db.write(h ->
                table.patch(h, projectId, Map.of("id", vectorStoreId), Map.of("last_active_at", lastActiveAt), Map.of())
                        > 0);
    }

    @Override
    public Page<VectorStore> list(String projectId, PageRequest page) {
        return db.read(h -> {
            Page<VectorStore> stores = table.list(h, projectId, Map.of(), page);
            return new Page<>(
                    stores.data().stream().map(s -> withFiles(h, projectId, s)).toList(), stores.hasMore());
        });
    }

    private static VectorStore withFiles(Handle handle, String projectId, VectorStore store) {
        Usage usage = VectorStoreFileCounts.ofStore(handle, projectId, store.id());
        return store.withFiles(usage.bytes(), usage.counts());
    }
}
