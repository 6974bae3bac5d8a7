package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.assistants4j.core.error.ServiceUnavailableException;
import dev.assistants4j.core.search.ChunkHit;
import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.search.ChunkQuery;
import dev.assistants4j.core.search.IndexedChunk;
import dev.assistants4j.store.ChunkNodes.Node;
import dev.assistants4j.testkit.TcpProxy;
import dev.assistants4j.testkit.TestPostgres;
import dev.assistants4j.testkit.retrieval.ForwardingChunkIndex;
import dev.assistants4j.testkit.retrieval.InMemoryChunkIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes on one PostgreSQL schema, each with a local index of its own: what one node writes every other finds,
 * a node that starts later (or again) catches up, concurrent writes on several nodes leave every node with what the
 * database holds, and a database that goes away fails writes but not searches.
 */
class ReplicatedChunkIndexTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private TestPostgres database;
    private ChunkNodes nodes;

    @BeforeEach
    void createSchema() {
        database = TestPostgres.create();
        nodes = new ChunkNodes(database);
    }

    @AfterEach
    void close() {
        nodes.close();
        database.close();
    }

    @Test
    void a_file_added_on_one_node_is_found_by_the_next_search_on_another() {
        Node a = nodes.inMemory();
        Node b = nodes.inMemory();
        assertThat(b.stores().shared()).isTrue();
        assertThat(b.index().search(query("vs_1", "revenue")))
                .as("b has caught up, with nothing")
                .isEmpty();

        a.index()
                .add(List.of(
                        chunk("vs_1", "file-1", 0, "the quarterly revenue grew"), chunk("vs_1", "file-1", 1, "x")));

        // no waiting: a search that starts after the add returned sees it, on any node
        assertThat(keys(b.index().search(query("vs_1", "revenue")))).containsExactly("vs_1/file-1#0");
        assertThat(b.index().chunkCount("vs_1", "file-1")).isEqualTo(2);
        assertThat(b.index().chunks("vs_1", "file-1"))
                .extracting(ChunkHit::text)
                .containsExactly("the quarterly revenue grew", "x");
    }

    @Test
    void other_nodes_changes_reach_the_local_index_without_any_read() {
        Node a = nodes.inMemory();
        Node b = nodes.inMemory();
        InMemoryChunkIndex bLocal = (InMemoryChunkIndex) b.local();

        a.index().add(List.of(chunk("vs_1", "file-1", 0, "alpha"), chunk("vs_1", "file-1", 1, "beta")));
        await("the add reaches b's local index", () -> bLocal.chunkCount("vs_1", "file-1") == 2);

        a.index().deleteStore("vs_1");
        await("the store's delete reaches b's local index", () -> bLocal.totalChunks() == 0);
    }

    @Test
    void a_file_deleted_on_one_node_disappears_from_the_other() {
        Node a = nodes.inMemory();
        Node b = nodes.inMemory();
        a.index().add(List.of(chunk("vs_1", "file-1", 0, "durable durian")));
        a.index().add(List.of(chunk("vs_1", "file-2", 0, "durian too")));
        assertThat(b.index().chunkCount("vs_1", "file-1")).isEqualTo(1);

        b.index().deleteFile("vs_1", "file-1");

        assertThat(keys(a.index().search(query("vs_1", "durian")))).containsExactly("vs_1/file-2#0");
        assertThat(a.index().chunkCount("vs_1", "file-1")).isZero();
        assertThat(((InMemoryChunkIndex) a.local()).totalChunks()).isEqualTo(1);
    }

    @Test
    void deleting_a_vector_store_on_one_node_removes_its_chunks_from_every_node() {
        Node a = nodes.inMemory();
        Node b = nodes.inMemory();
        b.index().add(List.of(chunk("vs_1", "file-1", 0, "kiwi")));
        b.index().add(List.of(chunk("vs_1", "file-2", 0, "kiwi")));
        b.index().add(List.of(chunk("vs_2", "file-1", 0, "kiwi")));
        assertThat(a.index().search(query("vs_1", "kiwi"))).hasSize(2);

        a.index().deleteStore("vs_1");

        assertThat(b.index().search(new ChunkQuery(Set.of("vs_1", "vs_2"), Optional.empty(), "kiwi", null, 10)))
                .extracting(ChunkHit::vectorStoreId)
                .containsExactly("vs_2");
        assertThat(a.index().chunks("vs_1", "file-2")).isEmpty();
    }

    @Test
    void a_node_started_later_catches_up_with_everything() {
        Node a = nodes.inMemory();
        Node b = nodes.inMemory();
        a.index().add(List.of(chunk("vs_1", "kept", 0, "kept one"), chunk("vs_1", "kept", 1, "kept two")));
        b.index().add(List.of(chunk("vs_1", "replaced", 0, "first version")));
        a.index().add(List.of(chunk("vs_1", "replaced", 0, "second version")));
        b.index().add(List.of(chunk("vs_1", "deleted", 0, "soon gone")));
        a.index().deleteFile("vs_1", "deleted");
        a.index().add(List.of(chunk("vs_2", "file-1", 0, "store soon gone")));
        b.index().deleteStore("vs_2");

        Node c = nodes.inMemory();

        assertThat(c.index().chunks("vs_1", "kept")).extracting(ChunkHit::text).containsExactly("kept one", "kept two");
        assertThat(c.index().chunks("vs_1", "replaced"))
                .extracting(ChunkHit::text)
                .containsExactly("second version");
        assertThat(c.index().chunkCount("vs_1", "deleted")).isZero();
        assertThat(c.index().chunkCount("vs_2", "file-1")).isZero();
        assertThat(((InMemoryChunkIndex) c.local()).totalChunks()).isEqualTo(3);
    }

    @Test
    void concurrent_writes_on_two_nodes_leave_every_node_with_what_the_database_holds() throws Exception {
        Node a = nodes.inMemory();
        Node b = nodes.inMemory();
        List<String> stores = List.of("vs_1", "vs_2");
        List<String> files = List.of("file-1", "file-2", "file-3");
        int threads = 4;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                ChunkIndex index = t % 2 == 0 ? a.index() : b.index();
                Random random = new Random(t);
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int op = 0; op < 40; op++) {
                        String store = stores.get(random.nextInt(stores.size()));
                        String file = files.get(random.nextInt(files.size()));
                        int roll = random.nextInt(10);
                        if (roll < 6) {
                            List<IndexedChunk> chunks = new ArrayList<>();
                            for (int i = 0; i <= random.nextInt(3); i++) {
                                chunks.add(chunk(store, file, i, "written by " + thread + " at " + op));
                            }
                            index.add(chunks);
                        } else if (roll < 8) {
                            index.deleteFile(store, file);
                        } else {
                            index.deleteStore(store);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        Node c = nodes.inMemory(); // built from the chunks table: what the database holds
        int total = 0;
        for (String store : stores) {
            for (String file : files) {
                List<String> truth = texts(c.index().chunks(store, file));
                assertThat(texts(a.index().chunks(store, file)))
                        .as("a: %s/%s", store, file)
                        .isEqualTo(truth);
                assertThat(texts(b.index().chunks(store, file)))
                        .as("b: %s/%s", store, file)
                        .isEqualTo(truth);
                total += truth.size();
            }
        }
        assertThat(((InMemoryChunkIndex) a.local()).totalChunks()).isEqualTo(total);
        assertThat(((InMemoryChunkIndex) b.local()).totalChunks()).isEqualTo(total);
        assertThat(rows("SELECT count(*) FROM chunks")).isEqualTo(total);
    }

    @Test
    void a_store_deleted_on_one_node_while_files_are_added_to_it_on_others_ends_the_same_everywhere() throws Exception {
        Node a = nodes.inMemory();
        Node b = nodes.inMemory();
        Node deleter = nodes.inMemory();
        int stores = 60;
        int files = 6;
        AtomicIntegerArray added = new AtomicIntegerArray(stores);
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<?>> done = new ArrayList<>();
            for (Node writer : List.of(a, b)) {
                done.add(pool.submit(() -> {
                    for (int s = 0; s < stores; s++) {
                        for (int f = 0; f < files; f++) {
                            String file = (writer == a ? "a-" : "b-") + f;
                            writer.index().add(List.of(chunk("vs_" + s, file, 0, "added to " + s)));
                            added.incrementAndGet(s);
                        }
                    }
                    return null;
                }));
            }
            done.add(pool.submit(() -> {
                for (int s = 0; s < stores; s++) {
                    int store = s;
                    await("files being added to vs_" + s, () -> added.get(store) >= files);
                    deleter.index().deleteStore("vs_" + s); // while the others still add to it
                }
                return null;
            }));
            for (Future<?> f : done) {
                f.get();
            }
        }

        Node c = nodes.inMemory(); // built from the chunks table: what the database holds
        int total = 0;
        for (int s = 0; s < stores; s++) {
            for (String file : List.of("a-", "b-")) {
                for (int f = 0; f < files; f++) {
                    int truth = c.index().chunkCount("vs_" + s, file + f);
                    String key = "vs_" + s + "/" + file + f;
                    assertThat(a.index().chunkCount("vs_" + s, file + f))
                            .as("a: %s", key)
                            .isEqualTo(truth);
                    assertThat(b.index().chunkCount("vs_" + s, file + f))
                            .as("b: %s", key)
                            .isEqualTo(truth);
                    assertThat(deleter.index().chunkCount("vs_" + s, file + f))
                            .as("deleter: %s", key)
                            .isEqualTo(truth);
                    total += truth;
                }
            }
        }
        assertThat(total).as("some files were added after their store's delete").isPositive();
        assertThat(total).as("and some before it").isLessThan(stores * files * 2);
        assertThat(rows("SELECT count(*) FROM chunks")).isEqualTo(total);
    }

    @Test
    void a_restarted_node_applies_only_the_changes_it_missed() {
        Node l = nodes.lucene(dir);
        l.index().add(List.of(chunk("vs_1", "kept", 0, "kept on disk")));
        l.index().add(List.of(chunk("vs_1", "gone", 0, "deleted while away")));
        l.close();
        Node a = nodes.inMemory();
        a.index().add(List.of(chunk("vs_1", "new", 0, "added while away")));
        a.index().deleteFile("vs_1", "gone");
        int clearsBefore = nodes.clears.get();

        Node again = nodes.lucene(dir);

        assertThat(keys(again.index().search(query("vs_1", "kept added deleted"))))
                .containsExactlyInAnyOrder("vs_1/kept#0", "vs_1/new#0");
        assertThat(nodes.clears).as("resumed, not built anew").hasValue(clearsBefore);
        await("the position is recorded", () -> read(dir.resolve(ChunkNodes.POSITION_FILE))
                .contains("seq=4\n"));
    }

    @Test
    void a_local_index_built_from_another_database_is_cleared_and_built_anew() {
        TestPostgres other = TestPostgres.create();
        try {
            Node l = nodes.lucene(dir, other.url());
            l.index().add(List.of(chunk("vs_old", "file-1", 0, "from the other database")));
            l.close();
            nodes.inMemory().index().add(List.of(chunk("vs_1", "file-1", 0, "from this database")));
            int clearsBefore = nodes.clears.get();

            Node again = nodes.lucene(dir);

            assertThat(again.index().chunkCount("vs_1", "file-1")).isEqualTo(1);
            assertThat(again.index().chunkCount("vs_old", "file-1")).isZero();
            assertThat(nodes.clears).hasValue(clearsBefore + 1);
        } finally {
            nodes.close();
            other.close();
        }
    }

    @Test
    void a_position_the_database_does_not_have_builds_the_index_anew() throws Exception {
        Node l = nodes.lucene(dir);
        l.index().add(List.of(chunk("vs_1", "file-1", 0, "kept")));
        l.close();
        // as after the database was restored from a backup older than the index
        Path position = dir.resolve(ChunkNodes.POSITION_FILE);
        Files.writeString(position, Files.readString(position).replace("seq=1", "seq=99"));
        int clearsBefore = nodes.clears.get();

        Node again = nodes.lucene(dir);

        assertThat(again.index().chunkCount("vs_1", "file-1")).isEqualTo(1);
        assertThat(nodes.clears).hasValue(clearsBefore + 1);
        await("the position is recorded anew", () -> read(position).contains("seq=1\n"));
    }

    @Test
    void a_node_answers_reads_only_once_it_has_caught_up() {
        nodes.inMemory().index().add(List.of(chunk("vs_1", "file-1", 0, "early bird")));
        CountDownLatch release = new CountDownLatch(1);
        ChunkIndex gated = new ForwardingChunkIndex(new InMemoryChunkIndex()) {
            @Override
            public void add(List<IndexedChunk> chunks) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.add(chunks);
            }
        };
        try {
            Node c = nodes.over(
                    gated,
                    new ReplicatedChunkIndex.Settings(
                            Duration.ofMillis(300),
                            Duration.ofMillis(300),
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(30)));

            assertThat(c.index().notReady()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("the search index is catching up with the database"));
            assertThatThrownBy(() -> c.index().search(query("vs_1", "bird")))
                    .isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageContaining("still building its search index");

            release.countDown();
            await("c answers once caught up", () -> {
                try {
                    return c.index().search(query("vs_1", "bird")).size() == 1;
                } catch (ServiceUnavailableException e) {
                    return false;
                }
            });
            assertThat(c.index().notReady()).isEmpty();
        } finally {
            release.countDown();
        }
    }

    @Test
    void a_database_that_goes_away_fails_writes_with_503_and_searches_answer_from_the_local_index() {
        try (TcpProxy proxy = TcpProxy.to(TestPostgres.serverHost(), TestPostgres.serverPort())) {
            Node a = nodes.start(
                    LocalChunkIndex.transientIndex(
                            new InMemoryChunkIndex(), ChunkNodes.EMBEDDER, ChunkNodes.DIMS, () -> {}),
                    ReplicatedChunkIndex.Settings.DEFAULTS,
                    database.urlVia("127.0.0.1:" + proxy.port()),
                    Duration.ofSeconds(2));
            a.index().add(List.of(chunk("vs_1", "file-1", 0, "stored before the outage")));

            proxy.cut();

            assertThatThrownBy(() -> a.index().add(List.of(chunk("vs_1", "file-2", 0, "during the outage"))))
                    .isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageContaining("nothing was changed");
            assertThatThrownBy(() -> a.index().deleteFile("vs_1", "file-1"))
                    .isInstanceOf(ServiceUnavailableException.class);
            long started = System.nanoTime();
            assertThat(keys(a.index().search(query("vs_1", "outage")))).containsExactly("vs_1/file-1#0");
            assertThat(a.index().chunkCount("vs_1", "file-1")).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

            proxy.restore();

            await("a takes writes again", () -> {
                try {
                    a.index().add(List.of(chunk("vs_1", "file-2", 0, "after the outage")));
                    return true;
                } catch (ServiceUnavailableException e) {
                    return false;
                }
            });
            assertThat(nodes.inMemory().index().search(query("vs_1", "outage"))).hasSize(2);
        }
    }

    @Test
    void a_node_with_another_embedder_is_refused_while_the_database_has_chunks() {
        Node a = nodes.inMemory();
        a.index().add(List.of(chunk("vs_1", "file-1", 0, "embedded by the test embedder")));

        assertThatThrownBy(() -> node("other-model", ChunkNodes.DIMS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + ChunkNodes.EMBEDDER + "' with 8 dimensions")
                .hasMessageContaining("'other-model' with 8 dimensions");
        assertThatThrownBy(() -> node(ChunkNodes.EMBEDDER, 16))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("with 16 dimensions");

        a.index().deleteStore("vs_1");
        Node b = node("other-model", ChunkNodes.DIMS); // no chunks left: the model can change

        assertThatThrownBy(() -> a.index().add(List.of(chunk("vs_1", "file-2", 0, "mixed in"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'other-model'");
        assertThat(b.index().chunkCount("vs_1", "file-2")).isZero();
    }

    @Test
    void text_and_vectors_arrive_on_other_nodes_exactly_as_they_were_added() {
        Node a = nodes.inMemory();
        List<IndexedChunk> received = new CopyOnWriteArrayList<>();
        nodes.over(
                new ForwardingChunkIndex(new InMemoryChunkIndex()) {
                    @Override
                    public void add(List<IndexedChunk> chunks) {
                        received.addAll(chunks);
                        super.add(chunks);
                    }
                },
                ReplicatedChunkIndex.Settings.DEFAULTS);
        float[] odd = {-0.0f, Float.MIN_VALUE, Float.MAX_VALUE, -1e-30f, 1f / 3, -1, 0.5f, 2e-7f};
        List<IndexedChunk> chunks = List.of(
                new IndexedChunk("vs_1", "file-1", 0, "NUL \u0000 inside, emoji 🤖, é, 中文", odd),
                new IndexedChunk("vs_1", "file-1", 1, "", axis(3)));

        a.index().add(chunks);

        await("b's local index received the chunks", () -> received.size() == 2);
        for (int i = 0; i < 2; i++) {
            assertThat(received.get(i).text()).isEqualTo(chunks.get(i).text());
            assertThat(received.get(i).index()).isEqualTo(i);
            assertThat(received.get(i).vector())
                    .as("bit for bit")
                    .isEqualTo(chunks.get(i).vector());
        }
        assertThat(Float.floatToRawIntBits(received.getFirst().vector()[0])).isEqualTo(Float.floatToRawIntBits(-0.0f));
    }

    @Test
    void writes_the_local_index_would_refuse_store_nothing_and_deletes_of_nothing_log_nothing() throws SQLException {
        Node a = nodes.inMemory();
        float[] nine = new float[ChunkNodes.DIMS + 1];
        float[] nan = axis(0);
        nan[2] = Float.NaN;

        assertThatThrownBy(() -> a.index().add(List.of(new IndexedChunk("vs_1", "file-1", 0, "x", nine))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9 dimensions");
        assertThatThrownBy(() -> a.index().add(List.of(new IndexedChunk("vs_1", "file-1", 0, "x", nan))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not finite");
        assertThatThrownBy(
                        () -> a.index().add(List.of(chunk("vs_1", "file-1", 0, "x"), chunk("vs_1", "file-1", 0, "y"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeats");
        a.index().deleteFile("vs_1", "nothing");
        a.index().deleteStore("vs_nothing");
        a.index().add(List.of());

        assertThat(rows("SELECT count(*) FROM chunks")).isZero();
        assertThat(rows("SELECT count(*) FROM chunk_changes")).isZero();
        assertThat(rows("SELECT seq FROM chunk_log_head")).isZero();
    }

    @Test
    void on_sqlite_the_local_index_is_served_as_it_is(@TempDir Path dataDir) {
        InMemoryChunkIndex local = new InMemoryChunkIndex();
        try (JdbcStores sqlite = JdbcStores.openSqlite(dataDir)) {
            assertThat(sqlite.shared()).isFalse();
            assertThat(sqlite.chunkIndex(LocalChunkIndex.transientIndex(local, "m", 8, () -> {})))
                    .isSameAs(local);
        }
    }

    // ---- helpers

    private Node node(String embedder, int dimensions) {
        return nodes.start(
                LocalChunkIndex.transientIndex(new InMemoryChunkIndex(), embedder, dimensions, () -> {}),
                ReplicatedChunkIndex.Settings.DEFAULTS,
                database.url());
    }

    private static IndexedChunk chunk(String store, String file, int index, String text) {
        return new IndexedChunk(store, file, index, text, axis(Math.floorMod(text.hashCode(), ChunkNodes.DIMS)));
    }

    private static float[] axis(int axis) {
        float[] v = new float[ChunkNodes.DIMS];
        v[axis] = 1;
        return v;
    }

    private static ChunkQuery query(String store, String text) {
        return new ChunkQuery(Set.of(store), Optional.empty(), text, axis(0), 10);
    }

    private static List<String> keys(List<ChunkHit> hits) {
        return hits.stream()
                .map(h -> h.vectorStoreId() + "/" + h.fileId() + "#" + h.index())
                .toList();
    }

    private static List<String> texts(List<ChunkHit> hits) {
        return hits.stream().map(h -> h.index() + ":" + h.text()).toList();
    }

    private long rows(String sql) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Polls {@code condition} until it holds, failing after {@link #DEADLINE}. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + DEADLINE + ": " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
