package dev.assistants4j.store;

import dev.assistants4j.core.store.ProjectStore;
import java.util.List;

/**
 * Whole projects in every object table: a move rewrites {@code project_id}, a removal deletes the rows, each in one
 * transaction. Children go before their parents, so a foreign key never sees a half-done change. Thread-safe.
 */
final class JdbcProjectStore implements ProjectStore {

    /** Every table of objects owned by a project, children first. */
    static final List<String> TABLES = List.of(
            "vector_store_files",
            "vector_store_file_batches",
            "vector_stores",
            "files",
            "run_steps",
            "runs",
            "messages",
            "threads",
            "assistants");

    private final Database db;

    JdbcProjectStore(Database db) {
        this.db = db;
    }

    @Override
    public int move(String fromProject, String toProject) {
        return db.write(h -> {
            int moved = 0;
            for (String table : TABLES) {
                moved += h.createUpdate("UPDATE " + table + " SET project_id = :to WHERE project_id = :from")
                        .bind("from", fromProject)
                        .bind("to", toProject)
                        .execute();
            }
            return moved;
        });
    }

    @Override
    public int deleteAll(String projectId) {
        return db.write(h -> {
            int deleted = 0;
            for (String table : TABLES) {
                deleted += h.createUpdate("DELETE FROM " + table + " WHERE project_id = :project")
                        .bind("project", projectId)
                        .execute();
            }
            return deleted;
        });
    }
}
