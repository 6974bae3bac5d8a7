package dev.assistants4j.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import dev.assistants4j.core.error.ServerException;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.VectorStoreFileStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Files of vector stores in the {@code vector_store_files} table. Thread-safe. */
final class JdbcVectorStoreFileStore implements VectorStoreFileStore {

    static final String TABLE = "vector_store_files";

    private final Database db;
    private final ObjectTable<VectorStoreFile> table =
            new ObjectTable<>(TABLE, VectorStoreFile.class, VectorStoreFile::id);

    JdbcVectorStoreFileStore(Database db) {
        this.db = db;
    }

    @Override
    public boolean insert(String projectId, VectorStoreFile file, Optional<String> batchId) {
        return db.write(h -> insert(h, projectId, file, batchId.orElse(null)));
    }

    /** Inserts unless the store already has the file or the store is not the project's. */
    static boolean insert(Handle handle, String projectId, VectorStoreFile file, String batchId) {
        return handle.createUpdate("INSERT INTO " + TABLE
                                + " (id, project_id, vector_store_id, batch_id, status, usage_bytes, created_at, body)"
                                + " SELECT :id, :project_id, :vector_store_id, :batch_id, :status, :usage_bytes,"
                                + " :created_at, :body FROM vector_stores"
                                + " WHERE id = :vector_store_id AND project_id = :project_id"
                                + " ON CONFLICT DO NOTHING")
                        .bind("id", file.id())
                        .bind("project_id", projectId)
                        .bind("vector_store_id", file.vectorStoreId())
                        .bind("batch_id", batchId)
                        .bind("status", file.status().wireName())
                        .bind("usage_bytes", file.usageBytes())
                        .bind("created_at", file.createdAt())
                        .bind("body", write(file))
                        .execute()
                > 0;
    }

    @Override
    public Optional<VectorStoreFile> find(String projectId, String vectorStoreId, String fileId) {
        return db.read(h -> table.find(h, projectId, scope(vectorStoreId), fileId));
    }

    @Override
    public boolean finish(String projectId, VectorStoreFile file) {
        // Only the outcome is written: attributes changed meanwhile are kept.
        Map<String, Object> match = Map.of(
                "id", file.id(),
                "vector_store_id", file.vectorStoreId(),
                "status", VectorStoreFileStatus.IN_PROGRESS.wireName());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", file.status().wireName());
        fields.put("usage_bytes", file.usageBytes());
        fields.put("last_error", file.lastError());
        Map<String, Object> columns = Map.of("status", file.status().wireName(), "usage_bytes", file.usageBytes());
        return db.write(h -> table.patch(h, projectId, match, fields, columns) > 0);
    }

    @Override
    public boolean updateAttributes(
            String projectId, String vectorStoreId, String fileId, Map<String, Object> attributes) {
        Map<String, Object> match = Map.of("id", fileId, "vector_store_id", vectorStoreId);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("attributes", attributes);
        return db.write(h -> table.patch(h, projectId, match, fields, Map.of()) > 0);
    }

    @Override
    public boolean delete(String projectId, String vectorStoreId, String fileId) {
        return db.write(h -> table.delete(h, projectId, scope(vectorStoreId), fileId));
    }

    @Override
    public List<String> deleteEverywhere(String projectId, String fileId) {
        return db.write(h -> {
            List<String> stores = h.createQuery("SELECT vector_store_id FROM " + TABLE
                            + " WHERE project_id = :project_id AND id = :id ORDER BY seq")
                    .bind("project_id", projectId)
                    .bind("id", fileId)
                    .mapTo(String.class)
                    .list();
            h.createUpdate("DELETE FROM " + TABLE + " WHERE project_id = :project_id AND id = :id")
                    .bind("project_id", projectId)
                    .bind("id", fileId)
                    .execute();
            return stores;
        });
    }

    @Override
    public Page<VectorStoreFile> list(
            String projectId,
            String vectorStoreId,
            Optional<String> batchId,
            Optional<VectorStoreFileStatus> status,
            PageRequest page) {
        Map<String, Object> scope = new LinkedHashMap<>(scope(vectorStoreId));
        batchId.ifPresent(id -> scope.put("batch_id", id));
        Map<String, Object> filter = status.<Map<String, Object>>map(s -> Map.of("status", s.wireName()))
                .orElse(Map.of());
        return db.read(h -> table.list(h, projectId, scope, filter, page));
    }

    @Override
    public List<VectorStoreFile> all(String projectId, String vectorStoreId, VectorStoreFileStatus status) {
        return db.read(h -> h.createQuery("SELECT body FROM " + TABLE + " WHERE project_id = :project_id"
                        + " AND vector_store_id = :vector_store_id AND status = :status ORDER BY seq")
                .bind("project_id", projectId)
                .bind("vector_store_id", vectorStoreId)
                .bind("status", status.wireName())
                .mapTo(String.class)
                .map(JdbcVectorStoreFileStore::read)
                .list());
    }

    @Override
    public Usage usage(String projectId, String vectorStoreId) {
        return db.read(h -> VectorStoreFileCounts.ofStore(h, projectId, vectorStoreId));
    }

    @Override
    public List<PendingFile> inProgress() {
        return db.read(
                h -> h.createQuery("SELECT project_id, body FROM " + TABLE + " WHERE status = :status ORDER BY seq")
                        .bind("status", VectorStoreFileStatus.IN_PROGRESS.wireName())
                        .map((rs, ctx) -> new PendingFile(rs.getString("project_id"), read(rs.getString("body"))))
                        .list());
    }

    private static Map<String, Object> scope(String vectorStoreId) {
        return Map.of("vector_store_id", vectorStoreId);
    }

    static String write(VectorStoreFile file) {
        return writeValue(file);
    }

    private static String writeValue(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ServerException("Could not store the vector store file.", e);
        }
    }

    static VectorStoreFile read(String body) {
        try {
            return Json.MAPPER.readValue(body, VectorStoreFile.class);
        } catch (JsonProcessingException e) {
            throw new ServerException("A stored vector store file could not be read.", e);
        }
    }
}
