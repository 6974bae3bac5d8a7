package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.TestServer.Setup;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import dev.assistants4j.testkit.retrieval.TestRetrieval;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a file uploaded and ingested into a vector store is what a run's file_search call finds. The server's
 * run engine searches through the vector stores (not a stub), so the model's second call carries the chunk's text.
 */
class VectorStoreFileSearchRunTest {

    private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled", "expired", "incomplete");

    @TempDir
    Path dataDir;

    private FakeUpstream upstream;
    private AssistantsServer server;
    private HttpTestClient client;
    private VectorStoreHttp http;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
        ModelRoute route = new ModelRoute(
                "*", "openai", "*", Optional.of(upstream.baseUrl()), Optional.of("sk-upstream"), Optional.empty());
        ServerConfig config = new ServerConfig(List.of(route), Optional.empty(), Optional.empty());
        server = TestServer.start(Setup.of(dataDir, config).withRetrieval(new TestRetrieval().retrieval()));
        client = new HttpTestClient(server, dataDir);
        http = new VectorStoreHttp(client, dataDir);
    }

    @AfterEach
    void stop() {
        client.assertNoServerErrors();
        server.close();
        upstream.close();
    }

    @Test
    void a_run_finds_the_chunks_of_its_vector_store() {
        // given
        String paris = http.upload("paris.txt", "Paris is the capital of France");
        String lyon = http.upload("lyon.txt", "Lyon is known for its food");
        String storeId = http.createStore(json("{'file_ids':['" + paris + "','" + lyon + "']}"));
        http.awaitFile(storeId, paris);
        http.awaitFile(storeId, lyon);
        upstream.enqueue(
                Reply.toolCalls(ToolCall.of("file_search", "{\"queries\":[\"capital of France\"]}")),
                Reply.text("Paris."));
        String assistantId = client.create(
                        "/v1/assistants",
                        json("{'model':'gpt-4o','tools':[{'type':'file_search'}],"
                                + "'tool_resources':{'file_search':{'vector_store_ids':['" + storeId + "']}}}"))
                .get("id")
                .asText();

        // when
        JsonNode run = client.create(
                "/v1/threads/runs",
                json("{'assistant_id':'" + assistantId + "','thread':{'messages':[{'role':'user',"
                        + "'content':'What is the capital of France?'}]}}"));
        String runPath = "/v1/threads/" + run.get("thread_id").asText() + "/runs/"
                + run.get("id").asText();
        VectorStoreHttp.await(
                () -> TERMINAL.contains(client.get(runPath).json().get("status").asText()));

        // then
        assertThat(client.get(runPath).json().get("status").asText()).isEqualTo("completed");
        List<RecordedRequest> chats = upstream.requests().stream()
                .filter(r -> r.path().endsWith("/chat/completions"))
                .toList();
        assertThat(chats).hasSize(2);
        assertThat(chats.get(1).rawBody()).contains("Paris is the capital of France");
        JsonNode step =
                client.get(runPath + "/steps?order=asc").json().get("data").get(0);
        JsonNode results = step.at("/step_details/tool_calls/0/file_search/results");
        assertThat(results.get(0).get("file_id").asText()).isEqualTo(paris);
        assertThat(results.get(0).get("file_name").asText()).isEqualTo("paris.txt");
        assertThat(results).hasSize(1);
        assertThat(client.get("/v1/vector_stores/" + storeId)
                        .json()
                        .get("last_active_at")
                        .asLong())
                .isGreaterThanOrEqualTo(run.get("created_at").asLong());
    }
}
