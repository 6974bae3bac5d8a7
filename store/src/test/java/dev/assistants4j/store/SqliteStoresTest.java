package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.store.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded SQLite database, plus what only a file on disk can show. */
class SqliteStoresTest extends StoreContract {

    @TempDir
    Path dataDir;

    private JdbcStores stores;

    @BeforeEach
    void open() {
        stores = JdbcStores.openSqlite(dataDir);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Override
    protected Stores stores() {
        return stores;
    }

    @Test
    void data_survives_close_and_reopen() {
        // given
        String project = newProject();
        Assistant assistant = fullAssistant(Ids.next(Ids.ASSISTANT));
        AssistantThread thread = fullThread(Ids.next(Ids.THREAD));
        Message initial = fullMessage(thread.id(), Ids.next(Ids.MESSAGE));
        Message added = userMessage(thread.id(), CREATED_AT, "run_1");
        stores.assistants().insert(project, assistant);
        stores.threads().insert(project, thread, List.of(initial));
        stores.messages().insert(project, added);

        // when
        reopen();

        // then
        assertThat(stores.assistants().find(project, assistant.id())).contains(assistant);
        assertThat(stores.threads().find(project, thread.id())).contains(thread);
        assertThat(stores.messages().find(project, thread.id(), initial.id())).contains(initial);
        assertThat(stores.messages().find(project, thread.id(), added.id())).contains(added);
    }

    @Test
    void database_file_is_in_wal_mode() throws SQLException {
        // given a write, so the file certainly exists with its header
        stores.assistants().insert(newProject(), minimalAssistant(Ids.next(Ids.ASSISTANT), CREATED_AT));

        // when
        String journalMode = queryFile("PRAGMA journal_mode");

        // then
        // synchronous=FULL is a per-connection setting that the store's pool does not expose, and a separate
        // connection reports its own value, so it is not asserted here.
        assertThat(journalMode).isEqualToIgnoringCase("wal");
    }

    @Test
    void reopening_runs_the_migrations_idempotently() throws SQLException {
        // given
        String project = newProject();
        Assistant assistant = fullAssistant(Ids.next(Ids.ASSISTANT));
        stores.assistants().insert(project, assistant);
        String appliedBefore = queryFile("SELECT count(*) FROM flyway_schema_history");

        // when
        reopen();
        reopen();

        // then
        assertThat(queryFile("SELECT count(*) FROM flyway_schema_history")).isEqualTo(appliedBefore);
        assertThat(queryFile("SELECT count(*) FROM flyway_schema_history WHERE success = 0"))
                .isEqualTo("0");
        assertThat(stores.assistants().find(project, assistant.id())).contains(assistant);
        assertThat(stores.healthy()).isTrue();
    }

    private void reopen() {
        stores.close();
        stores = JdbcStores.openSqlite(dataDir);
    }

    /** The first column of the first row, read over a plain JDBC connection to the database file. */
    private String queryFile(String sql) throws SQLException {
        String url = "jdbc:sqlite:" + dataDir.resolve(JdbcStores.SQLITE_FILE).toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from %s", sql).isTrue();
            return rows.getString(1);
        }
    }
}
