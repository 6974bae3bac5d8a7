package dev.assistants4j.store;

import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.store.FileStore;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import java.util.Map;
import java.util.Optional;

/** File metadata in the {@code files} table. Thread-safe. */
final class JdbcFileStore implements FileStore {

    private final Database db;
    private final ObjectTable<FileObject> table = new ObjectTable<>("files", FileObject.class, FileObject::id);

    JdbcFileStore(Database db) {
        this.db = db;
    }

    @Override
    public void insert(String projectId, FileObject file) {
        db.writeVoid(h -> table.insert(h, projectId, file.createdAt(), Map.of("purpose", file.purpose()), file));
    }

    @Override
    public Optional<FileObject> find(String projectId, String fileId) {
        return db.read(h -> table.find(h, projectId, Map.of(), fileId));
    }

    @Override
    public boolean delete(String projectId, String fileId) {
        return db.write(h -> table.delete(h, projectId, Map.of(), fileId));
    }

    @Override
    public Page<FileObject> list(String projectId, Optional<String> purpose, PageRequest page) {
        Map<String, Object> scope =
                purpose.<Map<String, Object>>map(p -> Map.of("purpose", p)).orElse(Map.of());
        return db.read(h -> table.list(h, projectId, scope, page));
    }
}
