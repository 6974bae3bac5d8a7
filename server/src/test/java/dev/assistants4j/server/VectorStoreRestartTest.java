package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.testkit.retrieval.TestRetrieval;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vector stores, their files and statuses survive a restart, and a file a stopped server left in progress is
 * ingested by the next one. Both servers share one in-memory index, standing in for the durable one.
 */
class VectorStoreRestartTest {

    @TempDir
    Path dataDir;

    /** The index both servers of a test share. */
    private final TestRetrieval retrieval = new TestRetrieval();

    @Test
    void stores_files_batches_and_statuses_read_back_identically_after_restart() {
        // given
        String storeId;
        String good;
        String bad;
        String batchId;
        JsonNode store;
        JsonNode goodFile;
        JsonNode badFile;
        JsonNode batch;
        try (AssistantsServer first = start()) {
            HttpTestClient client = new HttpTestClient(first, dataDir);
            VectorStoreHttp http = new VectorStoreHttp(client, dataDir);
            good = http.upload("good.txt", "durable durian");
            bad = http.upload("bad.png", "pixels");
            storeId = http.createStore(json(
                    "{'name':'kept','metadata':{'k':'v'}," + "'expires_after':{'anchor':'last_active_at','days':30}}"));
            batchId = client.createId(
                    "/v1/vector_stores/" + storeId + "/file_batches",
                    json("{'file_ids':['" + good + "','" + bad + "'],'attributes':{'n':1}}"));
            goodFile = http.awaitFile(storeId, good);
            badFile = http.awaitFile(storeId, bad);
            batch = client.get("/v1/vector_stores/" + storeId + "/file_batches/" + batchId)
                    .json();
            store = client.get("/v1/vector_stores/" + storeId).json();
            client.assertNoServerErrors();
        }

        // when
        try (AssistantsServer second = start()) {
            HttpTestClient client = new HttpTestClient(second, dataDir);

            // then
            assertThat(client.get("/v1/vector_stores/" + storeId).json()).isEqualTo(store);
            assertThat(client.get("/v1/vector_stores/" + storeId + "/files/" + good)
                            .json())
                    .isEqualTo(goodFile);
            assertThat(client.get("/v1/vector_stores/" + storeId + "/files/" + bad)
                            .json())
                    .isEqualTo(badFile);
            assertThat(client.get("/v1/vector_stores/" + storeId + "/file_batches/" + batchId)
                            .json())
                    .isEqualTo(batch);
            assertThat(goodFile.get("status").asText()).isEqualTo("completed");
            assertThat(badFile.get("status").asText()).isEqualTo("failed");
            assertThat(store.get("file_counts").get("total").asInt()).isEqualTo(2);
            JsonNode search = client.create("/v1/vector_stores/" + storeId + "/search", json("{'query':'durian'}"));
            assertThat(search.get("data").get(0).get("file_id").asText()).isEqualTo(good);
            client.assertNoServerErrors();
        }
    }

    @Test
    void a_file_left_in_progress_by_a_stopped_server_is_ingested_after_restart() {
        // given: the first server stops while the file waits in the extractor
        String storeId;
        String fileId;
        try (AssistantsServer first = start()) {
            VectorStoreHttp http = new VectorStoreHttp(new HttpTestClient(first, dataDir), dataDir);
            fileId = http.upload("late.txt", "resumed rambutan");
            retrieval.extractor().pause();
            storeId = http.createStore(json("{'file_ids':['" + fileId + "']}"));
            VectorStoreHttp.await(() -> retrieval.extractor().waiting() == 1);
        }
        retrieval.extractor().resume();
        assertThat(new VectorStoreHttp(null, dataDir).rows().get("vector_store_files"))
                .containsExactly(storeId + "/" + fileId + " in_progress");

        // when
        try (AssistantsServer second = start()) {
            HttpTestClient client = new HttpTestClient(second, dataDir);
            VectorStoreHttp http = new VectorStoreHttp(client, dataDir);
            JsonNode file = http.awaitFile(storeId, fileId);

            // then
            assertThat(file.get("status").asText()).isEqualTo("completed");
            assertThat(file.get("last_error").isNull()).isTrue();
            assertThat(retrieval.index().chunkCount(storeId, fileId)).isEqualTo(1);
            assertThat(client.get("/v1/vector_stores/" + storeId)
                            .json()
                            .get("status")
                            .asText())
                    .isEqualTo("completed");
            client.assertNoServerErrors();
        }
    }

    /** A server on the test's data directory and index. */
    private AssistantsServer start() {
        return TestServer.start(dataDir, retrieval.retrieval());
    }
}
