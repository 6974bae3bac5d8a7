package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.testkit.TestPostgres;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store contract on PostgreSQL, each test on a database of its own, plus what only PostgreSQL can show. */
class PostgresStoresTest extends StoreContract {

    private TestPostgres database;
    private JdbcStores stores;

    @BeforeEach
    void open() {
        database = TestPostgres.create();
        stores = JdbcStores.openPostgres(DatabaseUrl.parse(database.url()), 4, Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        stores.close();
        database.close();
    }

    @Override
    protected Stores stores() {
        return stores;
    }

    @Test
    void data_survives_close_and_reopen_and_the_schema_is_migrated_once() throws SQLException {
        // given
        String project = newProject();
        Assistant assistant = fullAssistant(Ids.next(Ids.ASSISTANT));
        stores.assistants().insert(project, assistant);

        // when
        stores.close();
        stores = JdbcStores.openPostgres(DatabaseUrl.parse(database.url()), 4, Duration.ofSeconds(5));

        // then
        assertThat(stores.assistants().find(project, assistant.id())).contains(assistant);
        assertThat(query("SELECT count(*) FROM flyway_schema_history WHERE success"))
                .as("each migration once")
                .isEqualTo(String.valueOf(migrations()));
        assertThat(query("SELECT count(*) FROM flyway_schema_history WHERE NOT success"))
                .isEqualTo("0");
        assertThat(stores.healthy()).isTrue();
        assertThat(stores.writable()).isTrue();
    }

    @Test
    void nodes_that_start_together_on_an_empty_database_migrate_it_once() throws Exception {
        try (TestPostgres empty = TestPostgres.create();
                var starts = java.util.concurrent.Executors.newFixedThreadPool(3)) {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<JdbcStores>> nodes = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                nodes.add(starts.submit(() -> {
                    go.await();
                    return JdbcStores.openPostgres(DatabaseUrl.parse(empty.url()), 2, Duration.ofSeconds(5));
                }));
            }
            go.countDown();
            for (var node : nodes) {
                try (JdbcStores opened = node.get()) {
                    assertThat(opened.writable()).isTrue();
                }
            }
            try (Connection connection = empty.connect();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT count(*), count(DISTINCT version), sum(CASE WHEN success THEN 0 ELSE 1 END)"
                                    + " FROM flyway_schema_history WHERE version IS NOT NULL")) {
                rows.next();
                assertThat(rows.getInt(1)).as("migrations applied").isGreaterThanOrEqualTo(3);
                assertThat(rows.getInt(2)).as("each once").isEqualTo(rows.getInt(1));
                assertThat(rows.getInt(3)).as("failed").isZero();
            }
        }
    }

    /** How many migrations the PostgreSQL schema has. */
    private static long migrations() {
        try (Stream<Path> files = Files.list(Path.of(PostgresStoresTest.class
                .getClassLoader()
                .getResource("db/migration/postgresql")
                .toURI()))) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .count();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from %s", sql).isTrue();
            return rows.getString(1);
        }
    }
}
