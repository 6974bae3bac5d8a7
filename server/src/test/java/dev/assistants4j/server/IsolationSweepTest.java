package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.engine.EngineSettings;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.retrieval.index.LuceneChunkIndex;
import dev.assistants4j.retrieval.ingest.TikaTextExtractor;
import dev.assistants4j.retrieval.ingest.TokenChunker;
import dev.assistants4j.server.TenantObjects.Owned;
import dev.assistants4j.server.Tenants.Tenant;
import dev.assistants4j.server.engine.EngineTestSupport;
import dev.assistants4j.testkit.retrieval.HashingEmbedder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenancy, proved exhaustively: two teams (team A with two keys), a teamless key and the master key each create every
 * kind of object, then every route the server registers is called by each of them with every other project's ids, in
 * the path, in request bodies and as list cursors ({@link IsolationSweep}). Another project's id must be answered as
 * an id that never existed, lists never show one, and nothing of another project changes.
 */
class IsolationSweepTest {

    /** Runs wait ten minutes for tool outputs: the function-calling runs stay in requires_action for the sweep. */
    private static final EngineSettings ENGINE =
            new EngineSettings(Duration.ofMinutes(10), 10, 3, Duration.ofMillis(20));

    private static final RecordingInterpreter INTERPRETER = new RecordingInterpreter(TenantObjects.png());

    @RegisterExtension
    static final ServerExtension server = ServerExtension.withFakeUpstream(
                    (upstream, dir) -> EngineTestSupport.routingTo(upstream))
            .setup(setup -> Tenants.setup()
                    .apply(setup.withEngine(ENGINE)
                            .withRetrieval(luceneRetrieval(setup.options().dataDir()))
                            .withCode(CodeInterpreterSource.of(INTERPRETER))))
            .perClass();

    /**
     * The server's own extraction, chunking and Lucene index (on PostgreSQL, the replicated index over it), with the
     * testkit's hashing embedder instead of the local model, which would take longer to load than the sweep runs.
     */
    private static Retrieval luceneRetrieval(Path dataDir) {
        HashingEmbedder embedder = new HashingEmbedder();
        LuceneChunkIndex index =
                LuceneChunkIndex.open(dataDir.resolve("index"), embedder.name(), embedder.dimensions());
        return new Retrieval(new TikaTextExtractor(), new TokenChunker(), embedder, index);
    }

    private static final Map<Tenant, TenantHttp> clients = new LinkedHashMap<>();
    private static final Map<String, Owned> owned = new LinkedHashMap<>();

    @BeforeAll
    static void everyTenantCreatesEveryKindOfObject() {
        Tenants.of(server).forEach(tenant -> clients.put(tenant, new TenantHttp(server.http(), tenant)));
        for (Tenant role : List.of(Tenants.TEAM_A, Tenants.TEAM_B, Tenants.SOLO, Tenants.MASTER)) {
            Tenant tenant = clients.get(role).tenant(); // with its real key and project
            long start = System.nanoTime();
            owned.put(tenant.projectId(), TenantObjects.create(clients.get(tenant), server.upstream()));
            System.out.printf(
                    "%s created %d objects in %d ms%n",
                    tenant, owned.get(tenant.projectId()).all().size(), (System.nanoTime() - start) / 1_000_000);
        }
        TenantHttp second = clients.get(Tenants.TEAM_A_SECOND);
        String assistant = second.create("/v1/assistants", "{\"model\":\"gpt-4o\",\"name\":\"second key\"}")
                .get("id")
                .asText();
        String file = second.upload("second-key.txt", "made with the second key of team A");
        String team = Tenants.TEAM_A.projectId();
        owned.put(team, owned.get(team).with("assistant_id", List.of(assistant)).with("file_id", List.of(file)));
    }

    @Test
    void every_route_answers_every_foreign_id_as_a_missing_one_and_changes_nothing_foreign() {
        // given every project's objects, read in full by their owners
        Map<String, Map<String, String>> before = snapshots();
        before.forEach((project, snapshot) -> assertOnlyOwnIds(project, snapshot));

        // when every route is called by every tenant with every foreign id and reference
        long start = System.nanoTime();
        IsolationSweep.Result result = new IsolationSweep(server.server().routes(), owned, clients).run();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(result.summary(TestDatabases.postgres() ? "PostgreSQL" : "SQLite", millis));
        System.out.println("Routes without project objects, not swept: " + result.routesWithoutObjects());

        // then every route was placed, no answer told a foreign id from a missing one, nothing foreign changed
        assertThat(result.uncovered()).as("routes the sweep cannot place").isEmpty();
        assertThat(result.routes()).as("routes swept").isGreaterThanOrEqualTo(40);
        assertThat(result.foreignPathCalls()).isPositive();
        assertThat(result.foreignReferences()).isPositive();
        assertThat(result.foreignCursors()).isPositive();
        assertThat(result.leaks()).as("cross-project reads").isEmpty();
        assertThat(snapshots()).as("every project's objects after the sweep").isEqualTo(before);
        server.http().assertNoServerErrors();
    }

    @Test
    void the_two_keys_of_team_a_see_exactly_the_same_objects() {
        Owned team = owned.get(Tenants.TEAM_A.projectId());
        Map<String, String> first = snapshot(clients.get(Tenants.TEAM_A), team);
        Map<String, String> second = snapshot(clients.get(Tenants.TEAM_A_SECOND), team);

        assertThat(second).isEqualTo(first);
        assertThat(clients.get(Tenants.TEAM_A).ids("/v1/assistants"))
                .containsExactlyInAnyOrderElementsOf(team.of("assistant_id"));
        assertThat(clients.get(Tenants.TEAM_A).ids("/v1/files"))
                .containsExactlyInAnyOrderElementsOf(team.of("file_id"));
    }

    @Test
    void the_master_key_sees_only_the_default_project() {
        TenantHttp master = clients.get(Tenants.MASTER);
        Owned own = owned.get(Tenants.MASTER.projectId());

        assertThat(master.ids("/v1/assistants")).containsExactlyInAnyOrderElementsOf(own.of("assistant_id"));
        assertThat(master.ids("/v1/files")).containsExactlyInAnyOrderElementsOf(own.of("file_id"));
        assertThat(master.ids("/v1/vector_stores")).containsExactlyInAnyOrderElementsOf(own.of("vector_store_id"));
        for (Owned tenant : owned.values()) {
            if (tenant != own) {
                assertThat(master.get("/v1/assistants/"
                                        + tenant.of("assistant_id").getFirst())
                                .status())
                        .isEqualTo(404);
                assertThat(master.get("/v1/threads/" + tenant.of("thread_id").getFirst())
                                .status())
                        .isEqualTo(404);
            }
        }
    }

    @Test
    void code_runs_in_its_projects_session_with_its_projects_files() {
        assertThat(INTERPRETER.executions()).hasSize(owned.size());
        for (RecordingInterpreter.Execution execution : INTERPRETER.executions()) {
            String project = execution.session().projectId();
            assertThat(owned).containsKey(project);
            assertThat(owned.get(project).of("thread_id"))
                    .contains(execution.session().threadId());
            assertThat(execution.inputNames()).isNotEmpty().allSatisfy(name -> assertThat(name)
                    .contains(project));
        }
    }

    // ---- snapshots

    /** Each project's objects, read in full by the first of its keys. */
    private static Map<String, Map<String, String>> snapshots() {
        Map<String, Map<String, String>> snapshots = new TreeMap<>();
        for (Owned project : owned.values()) {
            Tenant reader = clients.keySet().stream()
                    .filter(tenant -> tenant.projectId().equals(project.projectId()))
                    .findFirst()
                    .orElseThrow();
            snapshots.put(project.projectId(), snapshot(clients.get(reader), project));
        }
        return snapshots;
    }

    /** Every object of {@code project} as {@code http} reads it, by path; file contents included. */
    private static Map<String, String> snapshot(TenantHttp http, Owned project) {
        Map<String, String> read = new TreeMap<>();
        for (String assistant : project.of("assistant_id")) {
            put(read, http, "/v1/assistants/" + assistant);
        }
        for (String thread : project.of("thread_id")) {
            put(read, http, "/v1/threads/" + thread);
            put(read, http, "/v1/threads/" + thread + "/messages?limit=100");
            JsonNode runs = put(read, http, "/v1/threads/" + thread + "/runs?limit=100");
            runs.get("data")
                    .forEach(run -> put(
                            read,
                            http,
                            TenantObjects.runPath(thread, run.get("id").asText()) + "/steps?limit=100"));
        }
        put(read, http, "/v1/files?limit=100");
        for (String file : project.of("file_id")) {
            put(read, http, "/v1/files/" + file);
            put(read, http, "/v1/files/" + file + "/content");
        }
        put(read, http, "/v1/vector_stores?limit=100");
        for (String store : project.of("vector_store_id")) {
            put(read, http, "/v1/vector_stores/" + store);
            put(read, http, "/v1/vector_stores/" + store + "/files?limit=100");
        }
        Map<String, String> context = project.contexts().getFirst();
        String batch =
                "/v1/vector_stores/" + context.get("vector_store_id") + "/file_batches/" + context.get("batch_id");
        put(read, http, batch);
        put(read, http, batch + "/files?limit=100");
        return read;
    }

    private static JsonNode put(Map<String, String> read, TenantHttp http, String path) {
        HttpTestClient.Reply reply = http.get(path);
        assertThat(reply.status())
                .as("GET %s as %s: %s", path, http.tenant(), reply.body())
                .isEqualTo(200);
        read.put(path, reply.body());
        return path.endsWith("/content") ? null : reply.json();
    }

    /** No object of {@code project}, as its owner reads it, names another project's object. */
    private static void assertOnlyOwnIds(String project, Map<String, String> snapshot) {
        Set<String> foreign = new java.util.HashSet<>();
        owned.values().stream()
                .filter(other -> !other.projectId().equals(project))
                .forEach(other -> foreign.addAll(other.all()));
        snapshot.forEach((path, body) ->
                assertThat(foreign).as("foreign ids in %s of %s", path, project).noneMatch(body::contains));
    }
}
