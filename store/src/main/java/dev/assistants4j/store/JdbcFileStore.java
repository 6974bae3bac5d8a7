package dev.assistants4j.store;

import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.store.FileStore;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** File metadata in the {@code files} table. Thread-safe. */
final class JdbcFileStore extends ProjectObjectStore<FileObject> implements FileStore {

    JdbcFileStore(Database db) {
        super(db, new ObjectTable<>("files", FileObject.class, FileObject::id), FileObject::createdAt);
    }

    @Override
    public void insert(String projectId, FileObject file) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("purpose", file.purpose());
        columns.put("expires_at", file.expiresAt());
        db.writeVoid(h -> table.insert(h, projectId, file.createdAt(), columns, file));
    }

    @Override
    public List<ProjectFile> expired(long now, int limit) {
        return db.read(h -> h.createQuery("SELECT project_id, id FROM files WHERE expires_at IS NOT NULL"
                        + " AND expires_at <= :now ORDER BY expires_at, seq LIMIT :limit")
                .bind("now", now)
                .bind("limit", limit)
                .map((rs, ctx) -> new ProjectFile(rs.getString("project_id"), rs.getString("id")))
                .list());
    }

    @Override
    public boolean exists(String fileId) {
        return db.read(h -> h.createQuery("SELECT count(*) FROM files WHERE id = :id")
                        .bind("id", fileId)
                        .mapTo(Integer.class)
                        .one())
                > 0;
    }

    @Override
    public Page<FileObject> list(String projectId, Optional<String> purpose, PageRequest page) {
        Map<String, Object> scope =
                purpose.<Map<String, Object>>map(p -> Map.of("purpose", p)).orElse(Map.of());
        return db.read(h -> table.list(h, projectId, scope, page));
    }
}
