package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import dev.assistants4j.testkit.retrieval.TestRetrieval;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end: a file uploaded and ingested into a vector store is what a run's file_search call finds. The server's
 * run engine searches through the vector stores (not a stub), so the model's second call carries the chunk's text.
 */
class VectorStoreFileSearchRunTest {

    private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled", "expired", "incomplete");

    @RegisterExtension
    final ServerExtension server = VectorStoreHttp.serverWith(new TestRetrieval());

    @Test
    void a_run_finds_the_chunks_of_its_vector_store() {
        // given
        String paris = http().upload("paris.txt", "Paris is the capital of France");
        String lyon = http().upload("lyon.txt", "Lyon is known for its food");
        String storeId = http().createStore(json("{'file_ids':['" + paris + "','" + lyon + "']}"));
        http().awaitFile(storeId, paris);
        http().awaitFile(storeId, lyon);
        server.upstream()
                .enqueue(
                        Reply.toolCalls(ToolCall.of("file_search", "{\"queries\":[\"capital of France\"]}")),
                        Reply.text("Paris."));
        String assistantId = http().createId(
                        "/v1/assistants",
                        json("{'model':'gpt-4o','tools':[{'type':'file_search'}],"
                                + "'tool_resources':{'file_search':{'vector_store_ids':['" + storeId + "']}}}"));

        // when
        JsonNode run = server.http()
                .create(
                        "/v1/threads/runs",
                        json("{'assistant_id':'" + assistantId + "','thread':{'messages':[{'role':'user',"
                                + "'content':'What is the capital of France?'}]}}"));
        String runPath = "/v1/threads/" + run.get("thread_id").asText() + "/runs/"
                + run.get("id").asText();
        VectorStoreHttp.await(() -> TERMINAL.contains(
                server.http().get(runPath).json().get("status").asText()));

        // then
        assertThat(server.http().get(runPath).json().get("status").asText()).isEqualTo("completed");
        List<RecordedRequest> chats = server.upstream().requests().stream()
                .filter(r -> r.path().endsWith("/chat/completions"))
                .toList();
        assertThat(chats).hasSize(2);
        assertThat(chats.get(1).rawBody()).contains("Paris is the capital of France");
        JsonNode step = server.http()
                .get(runPath + "/steps?order=asc")
                .json()
                .get("data")
                .get(0);
        JsonNode results = step.at("/step_details/tool_calls/0/file_search/results");
        assertThat(results.get(0).get("file_id").asText()).isEqualTo(paris);
        assertThat(results.get(0).get("file_name").asText()).isEqualTo("paris.txt");
        assertThat(results).hasSize(1);
        assertThat(server.http()
                        .get("/v1/vector_stores/" + storeId)
                        .json()
                        .get("last_active_at")
                        .asLong())
                .isGreaterThanOrEqualTo(run.get("created_at").asLong());
    }

    private VectorStoreHttp http() {
        return VectorStoreHttp.of(server);
    }
}
