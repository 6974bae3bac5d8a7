package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.search.Embedder;
import dev.assistants4j.core.search.IndexedChunk;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.retrieval.index.LuceneChunkIndex;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.config.DatabaseConfig;
import dev.assistants4j.server.engine.EngineTestSupport;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Poll;
import dev.assistants4j.testkit.TcpProxy;
import dev.assistants4j.testkit.TestPostgres;
import dev.assistants4j.testkit.ToolCall;
import dev.assistants4j.testkit.retrieval.ForwardingChunkIndex;
import dev.assistants4j.testkit.retrieval.TestRetrieval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers on PostgreSQL: two nodes on one database share every object, the one-active-run rule and file_search's
 * chunks; a database that goes away while serving answers 503 and the server resumes by itself; a database that cannot
 * be opened stops {@code serve} with a message naming it.
 */
class PostgresServerTest {

    @TempDir
    Path dir;

    private final FakeUpstream upstream = FakeUpstream.start();
    private TestPostgres database;

    @BeforeEach
    void createSchema() {
        database = TestPostgres.create();
    }

    @AfterEach
    void close() {
        upstream.close();
        database.close();
    }

    @Test
    void objects_and_file_contents_created_on_one_node_are_read_listed_and_modified_on_another() {
        try (Node a = started("a", null);
                Node b = started("b", null)) {
            HttpTestClient onA = a.http();
            HttpTestClient onB = b.http();
            String id = onA.createId("/v1/assistants", json("{'model':'gpt-4o','name':'Tutor'}"));

            assertThat(onB.get("/v1/assistants/" + id).json().get("name").asText())
                    .isEqualTo("Tutor");
            onB.create("/v1/assistants/" + id, json("{'name':'Math Tutor'}"));
            assertThat(onA.get("/v1/assistants/" + id).json().get("name").asText())
                    .isEqualTo("Math Tutor");
            assertThat(onA.listIds("/v1/assistants")).containsExactly(id);
            MultipartForm upload = new MultipartForm()
                    .field("purpose", "assistants")
                    .file("notes.txt", "stored on a, read on b".getBytes(StandardCharsets.UTF_8));
            Reply uploaded = onA.send("POST", "/v1/files", upload.publisher(), "Content-Type", upload.contentType());
            assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
            String file = uploaded.json().get("id").asText();
            assertThat(onB.get("/v1/files/" + file + "/content").body()).isEqualTo("stored on a, read on b");
            assertThat(dir.resolve("a").resolve("files")).doesNotExist();
            onA.assertNoServerErrors();
            onB.assertNoServerErrors();
        }
    }

    @Test
    void a_run_on_one_node_refuses_a_second_run_on_the_same_thread_on_another() {
        upstream.defaultReply(dev.assistants4j.testkit.Reply.toolCalls(ToolCall.of("lookup", "{}")));
        try (Node a = started("a", null);
                Node b = started("b", null)) {
            HttpTestClient onA = a.http();
            HttpTestClient onB = b.http();
            String assistant = onA.createId(
                    "/v1/assistants",
                    json("{'model':'gpt-4o','tools':[{'type':'function','function':{'name':'lookup'}}]}"));
            String thread = onA.createId("/v1/threads", "{}");
            String run = onA.createId("/v1/threads/" + thread + "/runs", json("{'assistant_id':'" + assistant + "'}"));
            VectorStoreHttp.await(() -> onB.get("/v1/threads/" + thread + "/runs/" + run)
                    .json()
                    .get("status")
                    .asText()
                    .equals("requires_action"));

            Reply second = onB.post("/v1/threads/" + thread + "/runs", json("{'assistant_id':'" + assistant + "'}"));

            JsonNode error = HttpTestClient.assertError(second, 400, null);
            assertThat(error.get("message").asText()).contains("already has an active run " + run);
            assertThat(onA.listIds("/v1/threads/" + thread + "/runs")).containsExactly(run);
        }
    }

    @Test
    void a_cancel_sent_to_another_node_stops_the_run_where_it_executes() {
        String[] tokens = java.util.Collections.nCopies(100, "word ").toArray(String[]::new);
        upstream.defaultReply(dev.assistants4j.testkit.Reply.text(tokens).delayBetweenTokens(Duration.ofMillis(300)));
        try (Node a = started("a", null);
                Node b = started("b", null)) {
            HttpTestClient onA = a.http();
            HttpTestClient onB = b.http();
            String assistant = onA.createId("/v1/assistants", json("{'model':'gpt-4o'}"));
            String thread = onA.createId("/v1/threads", "{}");
            String run = onA.createId("/v1/threads/" + thread + "/runs", json("{'assistant_id':'" + assistant + "'}"));
            String path = "/v1/threads/" + thread + "/runs/" + run;
            VectorStoreHttp.await(() -> upstream.requestCount() == 1);

            Reply cancel = onB.post(path + "/cancel", "{}");

            assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
            assertThat(cancel.json().get("status").asText()).isEqualTo("cancelling");
            VectorStoreHttp.await(
                    () -> onB.get(path).json().get("status").asText().equals("cancelled"));
            assertThat(upstream.awaitDisconnect(Duration.ofSeconds(10)))
                    .as("node a closed its model stream")
                    .isTrue();
        }
    }

    @Test
    void a_run_left_in_progress_by_a_node_that_stopped_is_taken_over_and_its_half_answer_replaced() {
        upstream.enqueue(dev.assistants4j.testkit.Reply.text("half ", "never finished")
                .delayBetweenTokens(Duration.ofSeconds(60)));
        upstream.defaultReply(dev.assistants4j.testkit.Reply.text("The whole answer."));
        try (AssistantsServer b = node("b", database.url())) {
            HttpTestClient onB = new HttpTestClient(b, dir.resolve("b"));
            String thread;
            String run;
            try (AssistantsServer a = node("a", database.url())) {
                HttpTestClient onA = new HttpTestClient(a, dir.resolve("a"));
                String assistant = onA.createId("/v1/assistants", json("{'model':'gpt-4o'}"));
                thread = onA.createId("/v1/threads", json("{'messages':[{'role':'user','content':'Hi'}]}"));
                run = onA.createId("/v1/threads/" + thread + "/runs", json("{'assistant_id':'" + assistant + "'}"));
                String messages = "/v1/threads/" + thread + "/messages?order=asc";
                VectorStoreHttp.await(() -> onA.get(messages).json().get("data").size() == 2);
            } // node a stops with the answer half written

            String path = "/v1/threads/" + thread + "/runs/" + run;
            VectorStoreHttp.await(
                    () -> onB.get(path).json().get("status").asText().equals("completed"));
            JsonNode messages = onB.get("/v1/threads/" + thread + "/messages?order=asc")
                    .json()
                    .get("data");
            assertThat(messages).hasSize(2);
            assertThat(messages.get(1).at("/content/0/text/value").asText()).isEqualTo("The whole answer.");
            JsonNode steps = onB.get(path + "/steps").json().get("data");
            assertThat(steps).hasSize(1);
            assertThat(steps.get(0).get("status").asText()).isEqualTo("completed");
            onB.assertNoServerErrors();
        }
    }

    @Test
    void a_file_ingested_on_one_node_is_searched_on_another_and_its_delete_reaches_every_node() {
        try (Node a = started("a", luceneRetrieval("a"));
                Node b = started("b", luceneRetrieval("b"))) {
            HttpTestClient onA = a.http();
            HttpTestClient onB = b.http();
            VectorStoreHttp files = new VectorStoreHttp(onA, dir.resolve("a"));
            String durian = files.upload("durian.txt", "the durable durian ripens slowly");
            String apple = files.upload("apple.txt", "a crisp durian-free apple");
            String store = files.createStore(json("{'file_ids':['" + durian + "','" + apple + "']}"));
            assertThat(files.awaitFile(store, durian).get("status").asText()).isEqualTo("completed");
            assertThat(files.awaitFile(store, apple).get("status").asText()).isEqualTo("completed");

            // on b at once: a search that starts after the file completed sees its chunks
            JsonNode found = onB.create("/v1/vector_stores/" + store + "/search", json("{'query':'ripens slowly'}"));
            assertThat(found.get("data").get(0).get("file_id").asText()).isEqualTo(durian);
            assertThat(onB.get("/v1/vector_stores/" + store + "/files/" + durian + "/content")
                            .json()
                            .get("data")
                            .get(0)
                            .get("text")
                            .asText())
                    .isEqualTo("the durable durian ripens slowly");

            assertThat(onB.delete("/v1/vector_stores/" + store + "/files/" + durian)
                            .status())
                    .isEqualTo(200);

            JsonNode left = onA.create("/v1/vector_stores/" + store + "/search", json("{'query':'ripens slowly'}"));
            assertThat(left.get("data"))
                    .extracting(hit -> hit.get("file_id").asText())
                    .containsOnly(apple);
            VectorStoreHttp.await(() -> Files.exists(dir.resolve("b/index").resolve(DefaultRetrieval.POSITION_FILE)));
            onA.assertNoServerErrors();
            onB.assertNoServerErrors();
        }
    }

    @Test
    void a_node_started_on_a_database_with_ingested_files_is_ready_and_searches_once_its_index_caught_up()
            throws Exception {
        // given a vector store ingested by node a, which has stopped since
        String store;
        String durian;
        try (AssistantsServer a = node("a", database.url(), luceneRetrieval("a"))) {
            VectorStoreHttp files = new VectorStoreHttp(new HttpTestClient(a, dir.resolve("a")), dir.resolve("a"));
            durian = files.upload("durian.txt", "the durable durian ripens slowly");
            store = files.createStore(json("{'file_ids':['" + durian + "']}"));
            assertThat(files.awaitFile(store, durian).get("status").asText()).isEqualTo("completed");
        }
        CountDownLatch caughtUp = new CountDownLatch(1);
        Retrieval lucene = luceneRetrieval("b");
        ChunkIndex held = new ForwardingChunkIndex(lucene.index()) {
            @Override
            public void add(List<IndexedChunk> chunks) {
                await(caughtUp); // node b builds its index from the database: held until the test lets it go on
                super.add(chunks);
            }
        };

        // when node b starts on the database, its index not caught up yet
        try (AssistantsServer b = node(
                        "b",
                        database.url(),
                        new Retrieval(lucene.extractor(), lucene.chunker(), lucene.embedder(), held));
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpTestClient onB = new HttpTestClient(b, dir.resolve("b"));
            HttpTestClient probe = new HttpTestClient(b, dir.resolve("b")); // its 503s are meant
            Reply readiness = probe.get("/health/readiness");
            Future<Reply> search = clients.submit(
                    () -> onB.post("/v1/vector_stores/" + store + "/search", json("{'query':'ripens slowly'}")));

            // then b is not ready and its search waits, not answering from its partial index
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().get("status").asText()).isEqualTo("unavailable");
            assertThat(readiness.json().get("reason").asText()).contains("search index is catching up");
            assertThat(Poll.holds(Duration.ofMillis(500), search::isDone))
                    .as("the search waits for the index")
                    .isFalse();

            // and once the index caught up, b is ready and the search finds the file
            caughtUp.countDown();
            Reply found = search.get(30, TimeUnit.SECONDS);
            assertThat(found.status()).as(found.body()).isEqualTo(200);
            assertThat(found.json().get("data").get(0).get("file_id").asText()).isEqualTo(durian);
            VectorStoreHttp.await(() -> onB.get("/health/readiness").status() == 200);
            assertThat(onB.get("/health/readiness").json().get("status").asText())
                    .isEqualTo("ok");
            onB.assertNoServerErrors();
        } finally {
            caughtUp.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_run_whose_node_died_after_writing_the_whole_answer_ends_with_it_without_asking_the_model_again() {
        TakenOver run = takenOver(DeadNode.Turn.ANSWERED, "A second answer.");

        assertThat(run.onlyAnswer()).isEqualTo("The first answer.");
        assertThat(upstream.requestCount()).as("model calls").isZero();
    }

    @Test
    void a_message_its_node_inserted_without_its_step_is_deleted_when_the_run_is_taken_over() {
        TakenOver run = takenOver(DeadNode.Turn.MESSAGE_WITHOUT_STEP, "The only answer.");

        assertThat(run.onlyAnswer()).isEqualTo("The only answer.");
        assertThat(run.steps()).hasSize(1);
    }

    @Test
    void a_turn_cut_between_its_answer_and_its_tool_calls_is_done_again_as_a_whole() {
        TakenOver run = takenOver(DeadNode.Turn.CUT_BEFORE_TOOL_CALLS, "Redone.");

        assertThat(run.onlyAnswer()).isEqualTo("Redone.");
        assertThat(run.steps()).hasSize(1);
        assertThat(run.steps().get(0).get("type").asText()).isEqualTo("message_creation");
        assertThat(upstream.requestCount()).as("model calls").isEqualTo(1);
    }

    @Test
    void a_file_uploaded_on_a_and_added_to_a_vector_store_on_b_is_cited_by_a_run_on_c() {
        upstream.enqueue(
                dev.assistants4j.testkit.Reply.toolCalls(
                        ToolCall.of("file_search", "{\"queries\":[\"ripens slowly\"]}")),
                dev.assistants4j.testkit.Reply.text("It ripens slowly 【0:0†durian.txt】."));
        try (AssistantsServer a = node("a", database.url(), luceneRetrieval("a"));
                AssistantsServer b = node("b", database.url(), luceneRetrieval("b"));
                AssistantsServer c = node("c", database.url(), luceneRetrieval("c"))) {
            HttpTestClient onB = new HttpTestClient(b, dir.resolve("b"));
            HttpTestClient onC = new HttpTestClient(c, dir.resolve("c"));
            String durian = new VectorStoreHttp(new HttpTestClient(a, dir.resolve("a")), dir.resolve("a"))
                    .upload("durian.txt", "the durable durian ripens slowly");
            VectorStoreHttp storesOnB = new VectorStoreHttp(onB, dir.resolve("b"));
            String store = storesOnB.createStore(json("{'file_ids':['" + durian + "']}"));
            assertThat(storesOnB.awaitFile(store, durian).get("status").asText())
                    .isEqualTo("completed");
            String assistant = onC.createId(
                    "/v1/assistants",
                    json("{'model':'gpt-4o','tools':[{'type':'file_search'}],"
                            + "'tool_resources':{'file_search':{'vector_store_ids':['" + store + "']}}}"));
            String thread = onC.createId("/v1/threads", json("{'messages':[{'role':'user','content':'When?'}]}"));

            String run = onC.createId("/v1/threads/" + thread + "/runs", json("{'assistant_id':'" + assistant + "'}"));

            String path = "/v1/threads/" + thread + "/runs/" + run;
            VectorStoreHttp.await(
                    () -> onC.get(path).json().get("status").asText().equals("completed"));
            JsonNode answer =
                    onC.get("/v1/threads/" + thread + "/messages").json().at("/data/0/content/0/text");
            assertThat(answer.at("/annotations/0/type").asText()).isEqualTo("file_citation");
            assertThat(answer.at("/annotations/0/file_citation/file_id").asText())
                    .isEqualTo(durian);
            String toolResult =
                    upstream.requests().getLast().body().get("messages").toString();
            assertThat(toolResult).as("what the search on c gave the model").contains("the durable durian");
            onC.assertNoServerErrors();
        }
    }

    @Test
    void a_database_that_goes_away_answers_503_and_service_resumes_when_it_is_back() {
        try (TcpProxy proxy = TcpProxy.to(TestPostgres.serverHost(), TestPostgres.serverPort());
                AssistantsServer server = node("a", database.urlVia("127.0.0.1:" + proxy.port()))) {
            HttpTestClient client = new HttpTestClient(server, dir.resolve("a"));
            String id = client.createId("/v1/assistants", json("{'model':'gpt-4o','name':'Kept'}"));

            proxy.cut();

            Reply read = client.get("/v1/assistants/" + id);
            HttpTestClient.assertError(read, 503, "server_error", null);
            Reply write = client.post("/v1/assistants", json("{'model':'gpt-4o'}"));
            HttpTestClient.assertError(write, 503, "server_error", null);
            assertThat(client.get("/health/readiness").status()).isEqualTo(503);
            assertThat(client.get("/health/liveness").status()).isEqualTo(200);

            proxy.restore();

            VectorStoreHttp.await(() -> client.get("/health/readiness").status() == 200);
            assertThat(client.get("/v1/assistants/" + id).json().get("name").asText())
                    .isEqualTo("Kept");
            assertThat(client.createId("/v1/assistants", json("{'model':'gpt-4o'}")))
                    .startsWith("asst_");
        }
    }

    @Test
    void serve_stops_with_the_database_named_when_it_cannot_be_reached() {
        String url = "postgresql://postgres:s3cret@127.0.0.1:1/nowhere";

        ServeCommand.Outcome outcome = serve("--database-url", url);

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr())
                .contains("Cannot open the database postgres at jdbc:postgresql://127.0.0.1:1/nowhere")
                .doesNotContain("s3cret");
    }

    @Test
    void serve_refuses_a_database_url_that_is_not_postgresql() {
        ServeCommand.Outcome outcome = serve("--database-url", "mysql://root@localhost/app");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("invalid --database-url").contains("postgresql://USER@HOST:PORT/DB");
    }

    /** What a run left by a dead node as {@code turn} says looks like once node b, answering {@code reply}, completed it. */
    private TakenOver takenOver(DeadNode.Turn turn, String reply) {
        upstream.defaultReply(dev.assistants4j.testkit.Reply.text(reply));
        try (AssistantsServer b = node("b", database.url())) {
            HttpTestClient onB = new HttpTestClient(b, dir.resolve("b"));
            String thread = onB.createId("/v1/threads", "{}");

            DeadNode.State left = DeadNode.leaves(database.url(), thread, turn);

            String path = "/v1/threads/" + thread + "/runs/" + left.runId();
            VectorStoreHttp.await(
                    () -> onB.get(path).json().get("status").asText().equals("completed"));
            return new TakenOver(
                    onB.get("/v1/threads/" + thread + "/messages").json().get("data"),
                    onB.get(path + "/steps").json().get("data"));
        }
    }

    private record TakenOver(JsonNode messages, JsonNode steps) {

        /** The text of the thread's one message, asserting there is one. */
        String onlyAnswer() {
            assertThat(messages).hasSize(1);
            return messages.get(0).at("/content/0/text/value").asText();
        }
    }

    /** A node on the test's database and a client of it. */
    private record Node(AssistantsServer server, HttpTestClient http) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    /** Node {@code name} on the test's database, searching with {@code retrieval} (null: the default). */
    private Node started(String name, Retrieval retrieval) {
        AssistantsServer server = node(name, database.url(), retrieval);
        return new Node(server, new HttpTestClient(server, dir.resolve(name)));
    }

    private AssistantsServer node(String name, String url) {
        return node(name, url, null);
    }

    /**
     * Node {@code name} on the database at {@code url}, searching with {@code retrieval} (null: the default); a node
     * with the default search takes a run over a second after its node stopped renewing the lease.
     */
    private AssistantsServer node(String name, String url, Retrieval retrieval) {
        TestServer.Setup defaults = EngineTestSupport.setup(dir.resolve(name), upstream);
        DatabaseConfig shared =
                DatabaseConfig.postgres(url).withPoolLimit(4).withConnectionTimeout(Duration.ofSeconds(1));
        return TestServer.start(TestServer.Setup.of(
                        dir.resolve(name),
                        defaults.config()
                                .withDatabase(retrieval == null ? shared.withRunLease(Duration.ofSeconds(1)) : shared))
                .withEngine(defaults.engine())
                .withRetrieval(retrieval));
    }

    /** The test doubles' extractor, chunker and embedder, with the Lucene index a server keeps in its data dir. */
    private Retrieval luceneRetrieval(String node) {
        Retrieval doubles = new TestRetrieval().retrieval();
        Embedder embedder = doubles.embedder();
        return new Retrieval(
                doubles.extractor(),
                doubles.chunker(),
                embedder,
                LuceneChunkIndex.open(dir.resolve(node).resolve("index"), embedder.name(), embedder.dimensions()));
    }

    private ServeCommand.Outcome serve(String... args) {
        return ServeCommand.run(dir.resolve("cli"), args);
    }
}
