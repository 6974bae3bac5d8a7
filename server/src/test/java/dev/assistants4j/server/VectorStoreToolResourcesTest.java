package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import dev.assistants4j.testkit.retrieval.TestRetrieval;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * tool_resources.file_search on assistants, threads and create-and-run: named vector stores must exist, {@code
 * vector_stores} creates one inline, and files attached to messages for file_search reach the thread's own vector
 * store before a run searches (the run waits for their ingestion).
 */
class VectorStoreToolResourcesTest {

    private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled", "expired", "incomplete");
    private static final String IDS_PARAM = "tool_resources.file_search.vector_store_ids";

    private final TestRetrieval retrieval = new TestRetrieval();

    @RegisterExtension
    final ServerExtension server = VectorStoreHttp.serverWith(retrieval);

    @AfterEach
    void resumeExtraction() {
        retrieval.extractor().resume();
    }

    @Test
    void an_unknown_vector_store_id_is_a_404_and_nothing_is_stored() {
        // when
        var assistant = server.http()
                .post(
                        "/v1/assistants",
                        json(
                                "{'model':'gpt-4o','tool_resources':{'file_search':{'vector_store_ids':['vs_missing']}}}"));
        var thread = server.http()
                .post("/v1/threads", json("{'tool_resources':{'file_search':{'vector_store_ids':['vs_missing']}}}"));

        // then
        assertThat(assertError(assistant, 404, IDS_PARAM).get("message").asText())
                .isEqualTo("No vector store found with id 'vs_missing'.");
        assertError(thread, 404, IDS_PARAM);
        assertThat(server.http().storedIds().get("assistants")).isEmpty();
        assertThat(server.http().storedIds().get("threads")).isEmpty();
    }

    @Test
    void modify_with_an_unknown_vector_store_is_refused_and_keeps_the_stored_resources() {
        // given
        String storeId = http().createStore("{}");
        String threadId = http().createId(
                        "/v1/threads",
                        json("{'tool_resources':{'file_search':{'vector_store_ids':['" + storeId + "']}}}"));

        // when
        var reply = server.http()
                .post(
                        "/v1/threads/" + threadId,
                        json("{'tool_resources':{'file_search':{'vector_store_ids':['vs_missing']}}}"));

        // then
        assertError(reply, 404, IDS_PARAM);
        assertThat(server.http()
                        .get("/v1/threads/" + threadId)
                        .json()
                        .at("/tool_resources/file_search/vector_store_ids/0")
                        .asText())
                .isEqualTo(storeId);
    }

    @Test
    void vector_stores_creates_a_store_with_the_files_and_keeps_only_its_id() {
        // given
        String fileId = http().upload("notes.txt", "The launch code is tangerine");

        // when
        JsonNode assistant = server.http()
                .create(
                        "/v1/assistants",
                        json("{'model':'gpt-4o','tools':[{'type':'file_search'}],'tool_resources':{'file_search':"
                                + "{'vector_stores':[{'file_ids':['" + fileId + "'],'metadata':{'origin':'inline'},"
                                + "'chunking_strategy':{'type':'static','static':{'max_chunk_size_tokens':200,"
                                + "'chunk_overlap_tokens':50}}}]}}}"));

        // then
        JsonNode fileSearch = assistant.at("/tool_resources/file_search");
        assertThat(fileSearch.has("vector_stores")).isFalse();
        String storeId = fileSearch.get("vector_store_ids").get(0).asText();
        assertThat(storeId).startsWith("vs_");
        JsonNode store = server.http().get("/v1/vector_stores/" + storeId).json();
        assertThat(store.at("/metadata/origin").asText()).isEqualTo("inline");
        JsonNode file = http().awaitFile(storeId, fileId);
        assertThat(file.get("status").asText()).isEqualTo("completed");
        assertThat(file.at("/chunking_strategy/static/max_chunk_size_tokens").asInt())
                .isEqualTo(200);
        assertThat(server.http()
                        .get("/v1/assistants/" + assistant.get("id").asText())
                        .json()
                        .at("/tool_resources/file_search")
                        .toString())
                .isEqualTo(fileSearch.toString());
    }

    @Test
    void vector_stores_on_a_thread_and_on_create_and_run() {
        // given
        String fileId = http().upload("notes.txt", "The launch code is tangerine");
        String assistantId = http().createId("/v1/assistants", json("{'model':'gpt-4o'}"));
        String helper = "{'file_search':{'vector_stores':[{'file_ids':['" + fileId + "']}]}}";

        // when
        JsonNode thread = server.http().create("/v1/threads", json("{'tool_resources':" + helper + "}"));
        JsonNode run = server.http()
                .create(
                        "/v1/threads/runs",
                        json("{'assistant_id':'" + assistantId + "','thread':{'tool_resources':" + helper + "}}"));

        // then
        String threadStore =
                thread.at("/tool_resources/file_search/vector_store_ids/0").asText();
        String runThreadStore = server.http()
                .get("/v1/threads/" + run.get("thread_id").asText())
                .json()
                .at("/tool_resources/file_search/vector_store_ids/0")
                .asText();
        assertThat(threadStore).startsWith("vs_");
        assertThat(runThreadStore).startsWith("vs_").isNotEqualTo(threadStore);
        assertThat(http().awaitFile(runThreadStore, fileId).get("status").asText())
                .isEqualTo("completed");
    }

    @Test
    void vector_stores_with_ids_or_an_unknown_file_is_refused_before_anything_is_stored() {
        // given
        String storeId = http().createStore("{}");

        // when
        var both = server.http()
                .post(
                        "/v1/assistants",
                        json("{'model':'gpt-4o','tool_resources':{'file_search':{'vector_store_ids':['" + storeId
                                + "'],'vector_stores':[{}]}}}"));
        var unknownFile = server.http()
                .post(
                        "/v1/assistants",
                        json("{'model':'gpt-4o','tool_resources':{'file_search':"
                                + "{'vector_stores':[{'file_ids':['file-missing']}]}}}"));
        var unknownField = server.http()
                .post(
                        "/v1/assistants",
                        json("{'model':'gpt-4o','tool_resources':{'file_search':{'vector_stores':[{'name':'x'}]}}}"));

        // then
        assertError(both, 400, "tool_resources.file_search");
        assertThat(unknownFile.status()).isEqualTo(404);
        assertError(unknownField, 400, "tool_resources.file_search.vector_stores[0].name");
        assertThat(server.http().storedIds().get("assistants")).isEmpty();
        assertThat(server.http().listIds("/v1/vector_stores")).containsExactly(storeId);
    }

    @Test
    void a_file_attached_for_file_search_is_ingested_into_the_thread_store_before_the_run_searches() {
        // given: ingestion is held, so the run must wait for it
        retrieval.extractor().pause();
        String fileId = http().upload("manual.txt", "The reset button is behind the blue panel");
        String assistantId =
                http().createId("/v1/assistants", json("{'model':'gpt-4o','tools':[{'type':'file_search'}]}"));
        String threadId = http().createId(
                        "/v1/threads",
                        json("{'messages':[{'role':'user','content':'Where is the reset button?',"
                                + "'attachments':[{'file_id':'" + fileId + "','tools':[{'type':'file_search'}]}]}]}"));
        server.upstream()
                .enqueue(
                        Reply.toolCalls(ToolCall.of("file_search", "{\"queries\":[\"reset button\"]}")),
                        Reply.text("Behind the blue panel."));

        // when
        JsonNode run = server.http()
                .create("/v1/threads/" + threadId + "/runs", json("{'assistant_id':'" + assistantId + "'}"));
        String runPath = "/v1/threads/" + threadId + "/runs/" + run.get("id").asText();
        VectorStoreHttp.await(() -> !threadStoreIds(threadId).isEmpty());
        String storeId = threadStoreIds(threadId).get(0);
        VectorStoreHttp.await(() -> server.http()
                        .get("/v1/vector_stores/" + storeId + "/files")
                        .json()
                        .get("data")
                        .size()
                == 1);

        // then: the run waits while the file is in progress
        assertThat(server.http().get(runPath).json().get("status").asText()).isEqualTo("in_progress");
        assertThat(server.upstream().requests()).isEmpty();
        JsonNode store = server.http().get("/v1/vector_stores/" + storeId).json();
        assertThat(store.at("/expires_after/days").asInt()).isEqualTo(7);

        // when ingestion finishes
        retrieval.extractor().resume();
        VectorStoreHttp.await(() -> TERMINAL.contains(
                server.http().get(runPath).json().get("status").asText()));

        // then the search found the attached file
        assertThat(server.http().get(runPath).json().get("status").asText()).isEqualTo("completed");
        JsonNode results = server.http()
                .get(runPath + "/steps?order=asc")
                .json()
                .at("/data/0/step_details/tool_calls/0/file_search/results");
        assertThat(results.get(0).get("file_id").asText()).isEqualTo(fileId);
        List<RecordedRequest> chats = server.upstream().requests();
        assertThat(chats.get(1).rawBody()).contains("behind the blue panel");
    }

    @Test
    void attachments_for_file_search_reach_the_thread_store_when_the_message_is_created() {
        // given
        String first = http().upload("first.txt", "Alpha document");
        String second = http().upload("second.txt", "Beta document");
        String codeOnly = http().upload("data.csv", "a,b\n1,2");

        // when: a thread created with an attachment, then a message with two more
        JsonNode thread = server.http()
                .create(
                        "/v1/threads",
                        json("{'messages':[{'role':'user','content':'Read this','attachments':[{'file_id':'" + first
                                + "','tools':[{'type':'file_search'}]}]}]}"));
        String threadId = thread.get("id").asText();
        server.http()
                .create(
                        "/v1/threads/" + threadId + "/messages",
                        json("{'role':'user','content':'And these','attachments':[{'file_id':'" + second
                                + "','tools':[{'type':'file_search'},{'type':'code_interpreter'}]},{'file_id':'"
                                + codeOnly
                                + "','tools':[{'type':'code_interpreter'}]}]}"));

        // then: the thread answered with its new store, which holds the file_search attachments only
        String storeId =
                thread.at("/tool_resources/file_search/vector_store_ids/0").asText();
        assertThat(storeId).startsWith("vs_");
        assertThat(threadStoreIds(threadId)).containsExactly(storeId);
        assertThat(server.http().listIds("/v1/vector_stores/" + storeId + "/files"))
                .containsExactlyInAnyOrder(first, second);
        assertThat(http().awaitFile(storeId, second).get("status").asText()).isEqualTo("completed");
    }

    private List<String> threadStoreIds(String threadId) {
        JsonNode ids =
                server.http().get("/v1/threads/" + threadId).json().at("/tool_resources/file_search/vector_store_ids");
        List<String> result = new java.util.ArrayList<>();
        ids.forEach(id -> result.add(id.asText()));
        return result;
    }

    private VectorStoreHttp http() {
        return VectorStoreHttp.of(server);
    }
}
