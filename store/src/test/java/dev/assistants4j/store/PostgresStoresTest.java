package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.store.Fence;
import dev.assistants4j.core.store.FencedOffException;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.testkit.Poll;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    @Test
    void a_fenced_write_in_flight_holds_off_a_takeover_until_it_commits() throws Exception {
        // given: node a's lease expired, and a write through its fence checked it and has not committed yet
        String run = Ids.next(Ids.RUN);
        Instant now = Instant.now();
        Fence onA = stores.runLeases()
                .acquire(run, "node-a", now.minusSeconds(30), now.minusSeconds(15))
                .orElseThrow();
        CompletableFuture<Integer> holder = new CompletableFuture<>();
        CountDownLatch commit = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> write = threads.submit(() -> stores.database().writeVoid(h -> {
                JdbcRunLeaseStore.check(h, onA);
                holder.complete(h.createQuery("SELECT pg_backend_pid()")
                        .mapTo(Integer.class)
                        .one());
                await(commit);
            }));
            int pid = holder.get(10, TimeUnit.SECONDS);

            // when: node b tries to take the run over
            Future<Optional<Fence>> takeover =
                    threads.submit(() -> stores.runLeases().acquire(run, "node-b", now, now.plusSeconds(15)));

            // then: the takeover waits for the write's commit, then wins, and a's next write is refused
            assertThat(Poll.holds(Duration.ofSeconds(10), () -> blockedBy(pid) > 0))
                    .as("the takeover waits for the fenced write")
                    .isTrue();
            assertThat(takeover).isNotDone();
            commit.countDown();
            write.get(10, TimeUnit.SECONDS);
            Fence onB = takeover.get(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(onB.token()).isNotEqualTo(onA.token());
            assertThatThrownBy(() -> stores.database().writeVoid(h -> JdbcRunLeaseStore.check(h, onA)))
                    .isInstanceOf(FencedOffException.class);
        }
    }

    /** How many backends wait for a lock the backend {@code pid} holds. */
    private int blockedBy(int pid) {
        try {
            return Integer.parseInt(
                    query("SELECT count(*) FROM pg_stat_activity WHERE " + pid + " = ANY(pg_blocking_pids(pid))"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
