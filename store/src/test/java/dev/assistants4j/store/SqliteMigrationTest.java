package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.core.Json;
import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.store.FileStore;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** A database written by an earlier version opens with the current one, its data carried over. */
class SqliteMigrationTest {

    @TempDir
    Path dataDir;

    @Test
    void files_stored_before_the_expiry_column_existed_expire_after_the_upgrade() throws Exception {
        // given a database at migration 4 holding an expiring file and one that never expires
        SQLiteDataSource old = new SQLiteDataSource();
        old.setUrl("jdbc:sqlite:" + dataDir.resolve(JdbcStores.SQLITE_FILE));
        Flyway.configure()
                .dataSource(old)
                .locations("classpath:db/migration/sqlite")
                .target("4")
                .load()
                .migrate();
        FileObject expiring =
                new FileObject("file-old1", 3, 1_700_000_000L, 1_700_003_600L, "a.jsonl", "batch", "processed", null);
        FileObject kept =
                new FileObject("file-old2", 3, 1_700_000_000L, null, "b.txt", "assistants", "processed", null);
        Jdbi jdbi = Jdbi.create(old);
        for (FileObject file : new FileObject[] {expiring, kept}) {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO files (id, project_id, purpose, created_at, body)"
                            + " VALUES (:id, 'proj_old', :purpose, :created_at, :body)")
                    .bind("id", file.id())
                    .bind("purpose", file.purpose())
                    .bind("created_at", file.createdAt())
                    .bind("body", Json.MAPPER.writeValueAsString(file))
                    .execute());
        }

        // when the current version opens it
        try (JdbcStores stores = JdbcStores.openSqlite(dataDir)) {

            // then the files read back, and the expiring one is found once its time came
            assertThat(stores.files().find("proj_old", expiring.id())).contains(expiring);
            assertThat(stores.files().expired(1_700_003_599L, 100)).isEmpty();
            assertThat(stores.files().expired(1_700_003_600L, 100))
                    .containsExactly(new FileStore.ProjectFile("proj_old", expiring.id()));
        }
    }
}
