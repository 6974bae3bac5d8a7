package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.testkit.retrieval.HashingEmbedder;
import dev.assistants4j.testkit.retrieval.TestRetrieval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code /vector_stores} endpoint over real HTTP, with the retrieval test doubles: the wire shapes, background
 * ingestion reaching completed or failed, counts following the files, batches and their cancel, search with attribute
 * filters, and deletes (through this API and the Files API) taking the chunks with them.
 */
class VectorStoresHttpTest {

    @TempDir
    static Path dataDir;

    static TestRetrieval retrieval;
    static AssistantsServer server;
    static HttpTestClient client;
    static VectorStoreHttp http;

    @BeforeAll
    static void start() {
        retrieval = new TestRetrieval();
        server = TestServer.start(dataDir, retrieval.retrieval());
        client = new HttpTestClient(server, dataDir);
        http = new VectorStoreHttp(client, dataDir);
    }

    @AfterAll
    static void stop() {
        retrieval.extractor().resume();
        server.close();
    }

    @AfterEach
    void no_request_answered_500() {
        retrieval.extractor().resume();
        client.assertNoServerErrors();
    }

    @Test
    void create_returns_the_vector_store_object() {
        // given: ingestion held, so the store answers while its file is in progress
        String fileId = http.upload("intro.txt", "hello vector world");
        retrieval.extractor().pause();

        // when
        JsonNode store = client.create(
                "/v1/vector_stores",
                json("{'name':'Docs','description':'All docs','file_ids':['" + fileId + "'],"
                        + "'chunking_strategy':{'type':'static','static':{'max_chunk_size_tokens':200,"
                        + "'chunk_overlap_tokens':100}},'expires_after':{'anchor':'last_active_at','days':7},"
                        + "'metadata':{'team':'a'}}"));

        // then
        assertThat(fieldNames(store))
                .containsExactly(
                        "id",
                        "object",
                        "created_at",
                        "name",
                        "description",
                        "usage_bytes",
                        "file_counts",
                        "status",
                        "expires_after",
                        "expires_at",
                        "last_active_at",
                        "metadata");
        assertThat(store.get("id").asText()).startsWith("vs_");
        assertThat(store.get("object").asText()).isEqualTo("vector_store");
        assertThat(store.get("name").asText()).isEqualTo("Docs");
        assertThat(store.get("description").asText()).isEqualTo("All docs");
        assertThat(store.get("file_counts").toString())
                .isEqualTo("{\"in_progress\":1,\"completed\":0,\"failed\":0,\"cancelled\":0,\"total\":1}");
        assertThat(store.get("status").asText()).isEqualTo("in_progress");
        assertThat(store.get("expires_after").toString()).isEqualTo("{\"anchor\":\"last_active_at\",\"days\":7}");
        assertThat(store.get("expires_at").asLong())
                .isEqualTo(store.get("last_active_at").asLong() + 7 * 86_400);
        assertThat(store.get("metadata").toString()).isEqualTo("{\"team\":\"a\"}");
        String id = store.get("id").asText();
        retrieval.extractor().resume();
        JsonNode file = http.awaitFile(id, fileId);
        assertThat(fieldNames(file))
                .containsExactly(
                        "id",
                        "object",
                        "usage_bytes",
                        "created_at",
                        "vector_store_id",
                        "status",
                        "last_error",
                        "chunking_strategy",
                        "attributes");
        assertThat(file.get("object").asText()).isEqualTo("vector_store.file");
        assertThat(file.get("status").asText()).isEqualTo("completed");
        assertThat(file.get("last_error").isNull()).isTrue();
        assertThat(file.get("usage_bytes").asLong())
                .isEqualTo("hello vector world".length() + 4L * HashingEmbedder.DIMENSIONS);
        assertThat(file.get("chunking_strategy").toString())
                .isEqualTo(
                        "{\"type\":\"static\",\"static\":{\"max_chunk_size_tokens\":200,\"chunk_overlap_tokens\":100}}");
        JsonNode done = client.get("/v1/vector_stores/" + id).json();
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("usage_bytes").asLong())
                .isEqualTo(file.get("usage_bytes").asLong());
        assertThat(done.get("file_counts").get("completed").asInt()).isEqualTo(1);
    }

    @Test
    void minimal_store_has_null_name_and_expiry_and_auto_chunking_is_static_800_400() {
        // given
        String id = http.createStore("{}");
        String fileId = http.upload("a.txt", "words");
        retrieval.extractor().pause(); // the file answers while it is in progress

        // when
        JsonNode store = client.get("/v1/vector_stores/" + id).json();
        JsonNode file = client.create(
                "/v1/vector_stores/" + id + "/files",
                json("{'file_id':'" + fileId + "','chunking_strategy':{'type':'auto'}}"));

        // then
        assertThat(store.get("name").isNull()).isTrue();
        assertThat(store.get("expires_after").isNull()).isTrue();
        assertThat(store.get("expires_at").isNull()).isTrue();
        assertThat(store.get("status").asText()).isEqualTo("completed");
        assertThat(store.get("usage_bytes").asLong()).isZero();
        assertThat(file.get("status").asText()).isEqualTo("in_progress");
        assertThat(file.get("chunking_strategy").toString())
                .isEqualTo(
                        "{\"type\":\"static\",\"static\":{\"max_chunk_size_tokens\":800,\"chunk_overlap_tokens\":400}}");
        assertThat(file.get("attributes").toString()).isEqualTo("{}");
    }

    @Test
    void list_pages_newest_first_and_both_prefixes_serve_it() {
        // given
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(http.createStore(json("{'name':'page" + i + "'}")));
        }

        // when
        JsonNode first = client.get("/v1/vector_stores?limit=2").json();
        JsonNode next = client.get("/v1/vector_stores?limit=2&after="
                        + first.get("last_id").asText())
                .json();
        Reply azure = client.get("/openai/vector_stores/" + created.get(0) + "?api-version=2024-05-01-preview");

        // then
        assertThat(first.get("object").asText()).isEqualTo("list");
        assertThat(ids(first)).containsExactly(created.get(2), created.get(1));
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.get("first_id").asText()).isEqualTo(created.get(2));
        assertThat(ids(next).getFirst()).isEqualTo(created.get(0));
        assertThat(azure.status()).isEqualTo(200);
        assertThat(azure.json().get("name").asText()).isEqualTo("page0");
    }

    @Test
    void modify_changes_fields_and_null_clears_the_expiry() {
        // given
        String id = http.createStore(
                json("{'name':'old','expires_after':{'anchor':'last_active_at','days':3}," + "'metadata':{'a':'1'}}"));

        // when
        JsonNode modified = client.create(
                "/v1/vector_stores/" + id, json("{'name':'new','expires_after':null,'metadata':{'b':'2'}}"));

        // then
        assertThat(modified.get("name").asText()).isEqualTo("new");
        assertThat(modified.get("expires_after").isNull()).isTrue();
        assertThat(modified.get("expires_at").isNull()).isTrue();
        assertThat(modified.get("metadata").toString()).isEqualTo("{\"b\":\"2\"}");
        assertThat(client.get("/v1/vector_stores/" + id).json()).isEqualTo(modified);
    }

    @Test
    void delete_removes_the_store_its_rows_and_chunks_but_not_the_files() {
        // given
        String fileId = http.upload("keep.txt", "persistent kiwi words");
        String id = http.createStore(json("{'file_ids':['" + fileId + "']}"));
        http.awaitFile(id, fileId);
        assertThat(retrieval.index().chunkCount(id, fileId)).isEqualTo(1);

        // when
        Reply deleted = client.delete("/v1/vector_stores/" + id);

        // then
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().toString())
                .isEqualTo("{\"id\":\"" + id + "\",\"object\":\"vector_store.deleted\",\"deleted\":true}");
        JsonNode error = assertError(client.get("/v1/vector_stores/" + id), 404, null);
        assertThat(error.get("message").asText()).isEqualTo("No vector store found with id '" + id + "'.");
        assertError(client.delete("/v1/vector_stores/" + id), 404, null);
        assertThat(retrieval.index().chunkCount(id, fileId)).isZero();
        assertThat(http.rows().get("vector_store_files")).noneMatch(row -> row.startsWith(id));
        assertThat(client.get("/v1/files/" + fileId).status()).isEqualTo(200);
    }

    @Test
    void unsupported_and_corrupt_files_fail_and_the_counts_follow() {
        // given
        String good = http.upload("good.md", "fine text");
        String image = http.upload("picture.png", "pixels");
        String corrupt = http.upload("broken.txt", "CORRUPT");
        String id = http.createStore(json("{'file_ids':['" + good + "','" + image + "','" + corrupt + "']}"));

        // when
        JsonNode unsupported = http.awaitFile(id, image);
        JsonNode invalid = http.awaitFile(id, corrupt);
        http.awaitFile(id, good);

        // then
        assertThat(unsupported.get("status").asText()).isEqualTo("failed");
        assertThat(unsupported.get("last_error").get("code").asText()).isEqualTo("unsupported_file");
        assertThat(unsupported.get("last_error").get("message").asText()).isNotBlank();
        assertThat(unsupported.get("usage_bytes").asLong()).isZero();
        assertThat(invalid.get("last_error").get("code").asText()).isEqualTo("invalid_file");
        JsonNode store = client.get("/v1/vector_stores/" + id).json();
        assertThat(store.get("file_counts").toString())
                .isEqualTo("{\"in_progress\":0,\"completed\":1,\"failed\":2,\"cancelled\":0,\"total\":3}");
        assertThat(store.get("status").asText()).isEqualTo("completed");
        assertThat(ids(client.get("/v1/vector_stores/" + id + "/files?filter=failed&order=asc")
                        .json()))
                .containsExactly(image, corrupt);
        assertThat(ids(client.get("/v1/vector_stores/" + id + "/files?filter=completed")
                        .json()))
                .containsExactly(good);
    }

    @Test
    void files_endpoints_add_read_update_list_delete_and_show_content() {
        // given
        String id = http.createStore("{}");
        String fileId = http.upload("notes.txt", "one two three four five six seven");
        String other = http.upload("other.txt", "eight nine");

        // when
        JsonNode added = client.create(
                "/v1/vector_stores/" + id + "/files",
                json("{'file_id':'" + fileId + "','attributes':{'author':'ann','year':2024,'final':true}}"));
        client.create("/v1/vector_stores/" + id + "/files", json("{'file_id':'" + other + "'}"));
        http.awaitFile(id, fileId);
        JsonNode again = client.create("/v1/vector_stores/" + id + "/files", json("{'file_id':'" + fileId + "'}"));
        JsonNode updated =
                client.create("/v1/vector_stores/" + id + "/files/" + fileId, json("{'attributes':{'author':'bob'}}"));
        JsonNode content = client.get("/v1/vector_stores/" + id + "/files/" + fileId + "/content")
                .json();
        JsonNode page = client.get("/v1/vector_stores/" + id + "/files?limit=1&order=asc")
                .json();
        Reply deleted = client.delete("/v1/vector_stores/" + id + "/files/" + fileId);

        // then
        assertThat(added.get("id").asText()).isEqualTo(fileId);
        assertThat(added.get("vector_store_id").asText()).isEqualTo(id);
        assertThat(added.get("attributes").toString()).isEqualTo("{\"author\":\"ann\",\"year\":2024,\"final\":true}");
        assertThat(again.get("status").asText()).isEqualTo("completed");
        assertThat(updated.get("attributes").toString()).isEqualTo("{\"author\":\"bob\"}");
        assertThat(updated.get("status").asText()).isEqualTo("completed");
        assertThat(content.toString())
                .isEqualTo("{\"object\":\"vector_store.file_content.page\",\"data\":[{\"type\":\"text\","
                        + "\"text\":\"one two three four five six seven\"}],\"has_more\":false,\"next_page\":null}");
        assertThat(ids(page)).containsExactly(fileId);
        assertThat(page.get("has_more").asBoolean()).isTrue();
        assertThat(deleted.json().toString())
                .isEqualTo("{\"id\":\"" + fileId + "\",\"object\":\"vector_store.file.deleted\",\"deleted\":true}");
        assertThat(retrieval.index().chunkCount(id, fileId)).isZero();
        JsonNode error = assertError(client.get("/v1/vector_stores/" + id + "/files/" + fileId), 404, null);
        assertThat(error.get("message").asText()).contains(fileId);
        assertThat(client.get("/v1/files/" + fileId).status()).isEqualTo(200);
        assertThat(ids(client.get("/v1/vector_stores/" + id + "/files").json())).containsExactly(other);
    }

    @Test
    void adding_an_unknown_file_is_404_and_stores_nothing() {
        // given
        String id = http.createStore("{}");
        var before = http.rows();

        // when
        Reply reply = client.post("/v1/vector_stores/" + id + "/files", json("{'file_id':'file-nope'}"));

        // then
        JsonNode error = assertError(reply, 404, "file_id");
        assertThat(error.get("message").asText()).isEqualTo("No such File object: file-nope");
        assertThat(http.rows()).isEqualTo(before);
    }

    @Test
    void batch_with_shared_and_per_file_options_completes_and_lists_its_files() {
        // given
        String id = http.createStore("{}");
        String a = http.upload("a.txt", "apple banana");
        String b = http.upload("b.txt", "cherry date");
        String c = http.upload("c.png", "image");

        // when
        JsonNode batch = client.create(
                "/v1/vector_stores/" + id + "/file_batches",
                json("{'file_ids':['" + a + "','" + b + "'],'attributes':{'group':'one'}}"));
        JsonNode second = client.create(
                "/v1/vector_stores/" + id + "/file_batches",
                json("{'files':[{'file_id':'" + c + "','attributes':{'group':'two'},"
                        + "'chunking_strategy':{'type':'static','static':{'max_chunk_size_tokens':100,"
                        + "'chunk_overlap_tokens':0}}}]}"));
        String path = "/v1/vector_stores/" + id + "/file_batches/";
        VectorStoreHttp.await(() -> !client.get(path + batch.get("id").asText())
                .json()
                .get("status")
                .asText()
                .equals("in_progress"));
        VectorStoreHttp.await(() -> !client.get(path + second.get("id").asText())
                .json()
                .get("status")
                .asText()
                .equals("in_progress"));

        // then
        assertThat(fieldNames(batch))
                .containsExactly("id", "object", "created_at", "vector_store_id", "status", "file_counts");
        assertThat(batch.get("id").asText()).startsWith("vsfb_");
        assertThat(batch.get("object").asText()).isEqualTo("vector_store.files_batch");
        assertThat(batch.get("file_counts").get("total").asInt()).isEqualTo(2);
        JsonNode done = client.get(path + batch.get("id").asText()).json();
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("file_counts").toString())
                .isEqualTo("{\"in_progress\":0,\"completed\":2,\"failed\":0,\"cancelled\":0,\"total\":2}");
        JsonNode failed = client.get(path + second.get("id").asText()).json();
        assertThat(failed.get("file_counts").get("failed").asInt()).isEqualTo(1);
        JsonNode files =
                client.get(path + batch.get("id").asText() + "/files?order=asc").json();
        assertThat(ids(files)).containsExactly(a, b);
        assertThat(files.get("data").get(0).get("attributes").toString()).isEqualTo("{\"group\":\"one\"}");
        assertThat(ids(client.get(path + second.get("id").asText() + "/files?filter=failed")
                        .json()))
                .containsExactly(c);
        assertThat(ids(client.get(path + second.get("id").asText() + "/files?filter=completed")
                        .json()))
                .isEmpty();
    }

    @Test
    void cancelling_a_batch_cancels_its_pending_files() {
        // given
        retrieval.extractor().pause();
        int waitingBefore = retrieval.extractor().waiting();
        String id = http.createStore("{}");
        List<String> files = List.of(
                http.upload("1.txt", "zebra one"),
                http.upload("2.txt", "zebra two"),
                http.upload("3.txt", "zebra three"));
        JsonNode batch = client.create(
                "/v1/vector_stores/" + id + "/file_batches",
                json("{'file_ids':['" + String.join("','", files) + "']}"));
        String path =
                "/v1/vector_stores/" + id + "/file_batches/" + batch.get("id").asText();
        // at least one of them is held in extraction (how many depends on the workers still busy with earlier tests'
        // files); none can finish before the cancel, since extraction stays paused
        VectorStoreHttp.await(() -> retrieval.extractor().waiting() > waitingBefore);

        // when
        JsonNode cancelled = client.create(path + "/cancel", "");
        retrieval.extractor().resume();

        // then
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("file_counts").toString())
                .isEqualTo("{\"in_progress\":0,\"completed\":0,\"failed\":0,\"cancelled\":3,\"total\":3}");
        VectorStoreHttp.await(() -> retrieval.extractor().waiting() == 0);
        assertThat(ids(client.get(path + "/files?filter=cancelled").json())).hasSize(3);
        assertThat(client.get("/v1/vector_stores/" + id)
                        .json()
                        .get("file_counts")
                        .get("cancelled")
                        .asInt())
                .isEqualTo(3);
        JsonNode search = client.create("/v1/vector_stores/" + id + "/search", json("{'query':'zebra'}"));
        assertThat(search.get("data")).isEmpty();
        files.forEach(f -> assertThat(retrieval.index().chunkCount(id, f)).isZero());
    }

    @Test
    void search_returns_the_results_page_and_applies_filters() {
        // given
        String id = http.createStore("{}");
        String ann = http.upload("ann.txt", "quarterly report about mangoes");
        String bob = http.upload("bob.txt", "quarterly report about papayas");
        client.create(
                "/v1/vector_stores/" + id + "/files",
                json("{'file_id':'" + ann + "','attributes':{'author':'ann','year':2023}}"));
        client.create(
                "/v1/vector_stores/" + id + "/files",
                json("{'file_id':'" + bob + "','attributes':{'author':'bob','year':2024}}"));
        http.awaitFile(id, ann);
        http.awaitFile(id, bob);
        String search = "/v1/vector_stores/" + id + "/search";

        // when
        JsonNode all = client.create(search, json("{'query':'quarterly mangoes'}"));
        JsonNode filtered = client.create(
                search,
                json("{'query':['quarterly','report'],'max_num_results':5,'rewrite_query':true,"
                        + "'ranking_options':{'ranker':'none','score_threshold':0.1},"
                        + "'filters':{'type':'and','filters':[{'type':'gte','key':'year','value':2024},"
                        + "{'type':'in','key':'author','value':['bob','cy']}]}}"));
        JsonNode strict =
                client.create(search, json("{'query':'quarterly mangoes','ranking_options':{'score_threshold':0.9}}"));
        JsonNode none = client.create(
                search, json("{'query':'quarterly','filters':{'type':'eq','key':'author','value':'zed'}}"));

        // then
        assertThat(fieldNames(all)).containsExactly("object", "search_query", "data", "has_more", "next_page");
        assertThat(all.get("object").asText()).isEqualTo("vector_store.search_results.page");
        assertThat(all.get("search_query").toString()).isEqualTo("[\"quarterly mangoes\"]");
        assertThat(all.get("has_more").asBoolean()).isFalse();
        assertThat(all.get("next_page").isNull()).isTrue();
        JsonNode best = all.get("data").get(0);
        assertThat(fieldNames(best)).containsExactly("file_id", "filename", "score", "attributes", "content");
        assertThat(best.get("file_id").asText()).isEqualTo(ann);
        assertThat(best.get("filename").asText()).isEqualTo("ann.txt");
        assertThat(best.get("score").asDouble()).isEqualTo(1.0);
        assertThat(best.get("attributes").toString()).isEqualTo("{\"author\":\"ann\",\"year\":2023}");
        assertThat(best.get("content").toString())
                .isEqualTo("[{\"type\":\"text\",\"text\":\"quarterly report about mangoes\"}]");
        assertThat(all.get("data")).hasSize(2);
        assertThat(filtered.get("search_query").toString()).isEqualTo("[\"quarterly\",\"report\"]");
        assertThat(fileIds(filtered)).containsExactly(bob);
        assertThat(fileIds(strict)).containsExactly(ann);
        assertThat(none.get("data")).isEmpty();
    }

    @Test
    void deleting_a_file_through_the_files_api_removes_it_from_search_and_stores() {
        // given
        String fileId = http.upload("doomed.txt", "ephemeral pineapple");
        String first = http.createStore(json("{'file_ids':['" + fileId + "']}"));
        String second = http.createStore(json("{'file_ids':['" + fileId + "']}"));
        http.awaitFile(first, fileId);
        http.awaitFile(second, fileId);
        assertThat(fileIds(client.create("/v1/vector_stores/" + first + "/search", json("{'query':'pineapple'}"))))
                .containsExactly(fileId);

        // when
        Reply deleted = client.delete("/v1/files/" + fileId);

        // then
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(client.create("/v1/vector_stores/" + first + "/search", json("{'query':'pineapple'}"))
                        .get("data"))
                .isEmpty();
        assertThat(client.get("/v1/vector_stores/" + second)
                        .json()
                        .get("file_counts")
                        .get("total")
                        .asInt())
                .isZero();
        assertError(client.get("/v1/vector_stores/" + first + "/files/" + fileId), 404, null);
        assertThat(retrieval.index().chunkCount(first, fileId)).isZero();
        assertThat(retrieval.index().chunkCount(second, fileId)).isZero();
    }

    @Test
    void unknown_batch_and_file_ids_are_404() {
        // given
        String id = http.createStore("{}");

        // when / then
        assertError(client.get("/v1/vector_stores/" + id + "/file_batches/vsfb_nope"), 404, null);
        assertError(client.post("/v1/vector_stores/" + id + "/file_batches/vsfb_nope/cancel", ""), 404, null);
        assertError(client.get("/v1/vector_stores/" + id + "/file_batches/vsfb_nope/files"), 404, null);
        assertError(client.get("/v1/vector_stores/" + id + "/files/file-nope/content"), 404, null);
        assertError(client.delete("/v1/vector_stores/" + id + "/files/file-nope"), 404, null);
        assertError(client.post("/v1/vector_stores/" + id + "/files/file-nope", json("{'attributes':{}}")), 404, null);
        assertError(client.post("/v1/vector_stores/vs_nope/search", json("{'query':'x'}")), 404, null);
        assertError(client.get("/v1/vector_stores/vs_nope/files"), 404, null);
    }

    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static List<String> fileIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(item -> ids.add(item.get("file_id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
