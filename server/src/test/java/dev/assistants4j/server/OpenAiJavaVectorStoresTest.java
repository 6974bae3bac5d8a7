package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.ComparisonFilter;
import com.openai.models.CompoundFilter;
import com.openai.models.vectorstores.StaticFileChunkingStrategy;
import com.openai.models.vectorstores.VectorStore;
import com.openai.models.vectorstores.VectorStoreCreateParams;
import com.openai.models.vectorstores.VectorStoreDeleted;
import com.openai.models.vectorstores.VectorStoreSearchParams;
import com.openai.models.vectorstores.VectorStoreSearchResponse;
import com.openai.models.vectorstores.VectorStoreUpdateParams;
import com.openai.models.vectorstores.filebatches.FileBatchCancelParams;
import com.openai.models.vectorstores.filebatches.FileBatchCreateParams;
import com.openai.models.vectorstores.filebatches.FileBatchListFilesParams;
import com.openai.models.vectorstores.filebatches.FileBatchRetrieveParams;
import com.openai.models.vectorstores.filebatches.VectorStoreFileBatch;
import com.openai.models.vectorstores.files.FileContentParams;
import com.openai.models.vectorstores.files.FileCreateParams.Attributes;
import com.openai.models.vectorstores.files.FileDeleteParams;
import com.openai.models.vectorstores.files.FileListParams;
import com.openai.models.vectorstores.files.FileRetrieveParams;
import com.openai.models.vectorstores.files.FileUpdateParams;
import com.openai.models.vectorstores.files.VectorStoreFile;
import dev.assistants4j.testkit.retrieval.TestRetrieval;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vector stores API driven by the official openai-java SDK, which validates every response against its model:
 * CRUD of stores, files and batches, file content, and search with a compound filter.
 */
class OpenAiJavaVectorStoresTest {

    @TempDir
    static Path dataDir;

    static AssistantsServer server;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir, new TestRetrieval().retrieval());
        client = TestServer.client(server, "sk-test");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void store_crud_round_trips_through_the_sdk() {
        // given
        String fileId = OpenAiJava.upload(client, "alpha beta gamma");

        // when
        VectorStore created = client.vectorStores()
                .create(VectorStoreCreateParams.builder()
                        .name("SDK store")
                        .description("made by openai-java")
                        .addFileId(fileId)
                        .staticChunkingStrategy(StaticFileChunkingStrategy.builder()
                                .maxChunkSizeTokens(300)
                                .chunkOverlapTokens(150)
                                .build())
                        .expiresAfter(VectorStoreCreateParams.ExpiresAfter.builder()
                                .days(9)
                                .build())
                        .metadata(VectorStoreCreateParams.Metadata.builder()
                                .putAllAdditionalProperties(OpenAiJavaSdkTest.metadata("team", "sdk"))
                                .build())
                        .build())
                .validate();
        VectorStoreFile file = awaitFile(created.id(), fileId);
        VectorStore updated = client.vectorStores()
                .update(
                        created.id(),
                        VectorStoreUpdateParams.builder().name("renamed").build())
                .validate();
        List<String> listed = client.vectorStores().list().data().stream()
                .map(VectorStore::id)
                .toList();
        VectorStoreDeleted deleted = client.vectorStores().delete(created.id()).validate();
        Throwable gone = catchThrowable(() -> client.vectorStores().retrieve(created.id()));

        // then
        assertThat(created.id()).startsWith("vs_");
        assertThat(created.name()).isEqualTo("SDK store");
        assertThat(created.expiresAfter().orElseThrow().days()).isEqualTo(9);
        assertThat(created.fileCounts().total()).isEqualTo(1);
        assertThat(file.status()).isEqualTo(VectorStoreFile.Status.COMPLETED);
        assertThat(file.chunkingStrategy().orElseThrow().asStatic().static_().maxChunkSizeTokens())
                .isEqualTo(300);
        assertThat(updated.name()).isEqualTo("renamed");
        assertThat(updated.status()).isEqualTo(VectorStore.Status.COMPLETED);
        assertThat(updated.fileCounts().completed()).isEqualTo(1);
        assertThat(updated.usageBytes()).isPositive();
        assertThat(listed).contains(created.id());
        assertThat(deleted.deleted()).isTrue();
        assertThat(gone).isInstanceOf(NotFoundException.class).hasMessageContaining(created.id());
    }

    @Test
    void files_batches_content_and_search_through_the_sdk() {
        // given
        // named: OpenAI sends "name": null for a store created without one, which the SDK's validate() refuses
        VectorStore store = client.vectorStores()
                .create(VectorStoreCreateParams.builder().name("files").build())
                .validate();
        String ann = OpenAiJava.upload(client, "annual report about lychees");
        String bob = OpenAiJava.upload(client, "annual report about guavas");
        String cy = OpenAiJava.upload(client, "unrelated text");
        VectorStoreFile added = client.vectorStores()
                .files()
                .create(
                        store.id(),
                        com.openai.models.vectorstores.files.FileCreateParams.builder()
                                .fileId(ann)
                                .attributes(Attributes.builder()
                                        .putAdditionalProperty("author", JsonValue.from("ann"))
                                        .putAdditionalProperty("year", JsonValue.from(2023))
                                        .build())
                                .build())
                .validate();
        VectorStoreFileBatch batch = client.vectorStores()
                .fileBatches()
                .create(
                        store.id(),
                        FileBatchCreateParams.builder()
                                .addFileId(bob)
                                .addFileId(cy)
                                .attributes(FileBatchCreateParams.Attributes.builder()
                                        .putAdditionalProperty("author", JsonValue.from("bob"))
                                        .putAdditionalProperty("year", JsonValue.from(2024))
                                        .build())
                                .build())
                .validate();
        List.of(ann, bob, cy).forEach(id -> awaitFile(store.id(), id));

        // when
        VectorStoreFileBatch finished = client.vectorStores()
                .fileBatches()
                .retrieve(FileBatchRetrieveParams.builder()
                        .vectorStoreId(store.id())
                        .batchId(batch.id())
                        .build())
                .validate();
        List<String> batchFiles = ids(client.vectorStores()
                .fileBatches()
                .listFiles(FileBatchListFilesParams.builder()
                        .vectorStoreId(store.id())
                        .batchId(batch.id())
                        .order(FileBatchListFilesParams.Order.ASC)
                        .build())
                .data());
        VectorStoreFile renamed = client.vectorStores()
                .files()
                .update(FileUpdateParams.builder()
                        .vectorStoreId(store.id())
                        .fileId(cy)
                        .attributes(FileUpdateParams.Attributes.builder()
                                .putAdditionalProperty("author", JsonValue.from("cy"))
                                .build())
                        .build())
                .validate();
        String content = client.vectorStores()
                .files()
                .content(FileContentParams.builder()
                        .vectorStoreId(store.id())
                        .fileId(ann)
                        .build())
                .data()
                .getFirst()
                .text()
                .orElseThrow();
        List<VectorStoreSearchResponse> found = client.vectorStores()
                .search(
                        store.id(),
                        VectorStoreSearchParams.builder()
                                .query("annual report")
                                .maxNumResults(5)
                                .filters(CompoundFilter.builder()
                                        .type(CompoundFilter.Type.OR)
                                        .addFilter(ComparisonFilter.builder()
                                                .key("author")
                                                .type(ComparisonFilter.Type.EQ)
                                                .value("bob")
                                                .build())
                                        .addFilter(ComparisonFilter.builder()
                                                .key("year")
                                                .type(ComparisonFilter.Type.LT)
                                                .value(2000)
                                                .build())
                                        .build())
                                .build())
                .data();
        List<String> completed = ids(client.vectorStores()
                .files()
                .list(
                        store.id(),
                        FileListParams.builder()
                                .filter(FileListParams.Filter.COMPLETED)
                                .build())
                .data());
        client.vectorStores()
                .files()
                .delete(FileDeleteParams.builder()
                        .vectorStoreId(store.id())
                        .fileId(bob)
                        .build());
        Throwable deletedFile = catchThrowable(() -> client.vectorStores()
                .files()
                .retrieve(FileRetrieveParams.builder()
                        .vectorStoreId(store.id())
                        .fileId(bob)
                        .build()));
        Throwable cancelUnknown = catchThrowable(() -> client.vectorStores()
                .fileBatches()
                .cancel(FileBatchCancelParams.builder()
                        .vectorStoreId(store.id())
                        .batchId("vsfb_unknown")
                        .build()));

        // then
        assertThat(added.status()).isEqualTo(VectorStoreFile.Status.IN_PROGRESS);
        assertThat(batch.fileCounts().total()).isEqualTo(2);
        assertThat(finished.status()).isEqualTo(VectorStoreFileBatch.Status.COMPLETED);
        assertThat(finished.fileCounts().completed()).isEqualTo(2);
        assertThat(batchFiles).containsExactly(bob, cy);
        assertThat(renamed.attributes().orElseThrow()._additionalProperties().get("author"))
                .isEqualTo(JsonValue.from("cy"));
        assertThat(content).isEqualTo("annual report about lychees");
        assertThat(found).extracting(VectorStoreSearchResponse::fileId).containsExactly(bob);
        assertThat(found.getFirst().content().getFirst().text()).isEqualTo("annual report about guavas");
        assertThat(found.getFirst().score()).isEqualTo(1.0);
        assertThat(completed).containsExactlyInAnyOrder(ann, bob, cy);
        assertThat(deletedFile).isInstanceOf(NotFoundException.class);
        assertThat(cancelUnknown).isInstanceOf(NotFoundException.class);
    }

    @Test
    void invalid_chunking_is_a_bad_request() {
        // when
        Throwable thrown = catchThrowable(() -> client.vectorStores()
                .create(VectorStoreCreateParams.builder()
                        .staticChunkingStrategy(StaticFileChunkingStrategy.builder()
                                .maxChunkSizeTokens(200)
                                .chunkOverlapTokens(150)
                                .build())
                        .build()));

        // then
        assertThat(thrown).isInstanceOf(BadRequestException.class).hasMessageContaining("chunk_overlap_tokens");
    }

    private static VectorStoreFile awaitFile(String vectorStoreId, String fileId) {
        return OpenAiJava.awaitFile(client, vectorStoreId, fileId, VectorStoreHttp.DEADLINE);
    }

    private static List<String> ids(List<VectorStoreFile> files) {
        return files.stream().map(VectorStoreFile::id).toList();
    }
}
