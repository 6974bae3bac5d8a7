package dev.assistants4j.store;

import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * What the stores of a project's top-level objects (assistants, threads, files, vector stores) do alike: each object
 * is a row of one {@link ObjectTable}, found, updated, deleted and listed by project and id in a transaction of {@code
 * db}, inserted with no extra columns at its creation time. Subclasses add or override what differs. Thread-safe.
 */
abstract class ProjectObjectStore<T> {

    final Database db;
    final ObjectTable<T> table;
    private final ToLongFunction<T> createdAt;

    ProjectObjectStore(Database db, ObjectTable<T> table, ToLongFunction<T> createdAt) {
        this.db = db;
        this.table = table;
        this.createdAt = createdAt;
    }

    public void insert(String projectId, T object) {
        db.writeVoid(h -> table.insert(h, projectId, createdAt.applyAsLong(object), Map.of(), object));
    }

    public Optional<T> find(String projectId, String objectId) {
        return db.read(h -> table.find(h, projectId, Map.of(), objectId));
    }

    public boolean update(String projectId, T object) {
        return db.write(h -> table.update(h, projectId, Map.of(), object));
    }

    public boolean delete(String projectId, String objectId) {
        return db.write(h -> table.delete(h, projectId, Map.of(), objectId));
    }

    public Page<T> list(String projectId, PageRequest page) {
        return db.read(h -> table.list(h, projectId, Map.of(), page));
    }
}
