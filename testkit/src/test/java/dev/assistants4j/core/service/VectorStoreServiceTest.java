package dev.assistants4j.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.domain.ChunkingStrategy;
import dev.assistants4j.core.domain.ExpiresAfter;
import dev.assistants4j.core.domain.FileCounts;
import dev.assistants4j.core.domain.VectorStore;
import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.domain.VectorStoreFileBatch;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import dev.assistants4j.core.domain.VectorStoreStatus;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.error.ServiceUnavailableException;
import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.search.FileSearchResult;
import dev.assistants4j.core.search.IndexedChunk;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.core.service.AttributeFilter.Comparison;
import dev.assistants4j.core.service.AttributeFilter.Compound;
import dev.assistants4j.core.service.VectorStorePages.SearchResult;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.testkit.Poll;
import dev.assistants4j.testkit.retrieval.ForwardingChunkIndex;
import dev.assistants4j.testkit.retrieval.HashingEmbedder;
import dev.assistants4j.testkit.retrieval.TestRetrieval;
import dev.assistants4j.testkit.store.InMemoryBlobStore;
import dev.assistants4j.testkit.store.InMemoryStores;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The vector store service over the real SQLite store and blob store, with the retrieval test doubles: background
 * ingestion to completed or failed, counts, cancel and delete leaving no chunks, recovery, the files-API hook, search
 * with attribute filters and the file_search entry point.
 */
class VectorStoreServiceTest {

    private static final String PROJECT = "proj_vs";
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final PageRequest ALL =
            new PageRequest(PageRequest.MAX_LIMIT, ListOrder.ASC, Optional.empty(), Optional.empty());

    private final AtomicLong seconds = new AtomicLong(1_700_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds.get());
        }
    };

    private InMemoryStores stores;
    private InMemoryBlobStore blobs;
    private TestRetrieval retrieval;
    private VectorStoreServices service;
    private FileService files;

    @BeforeEach
    void open() {
        stores = new InMemoryStores();
        blobs = new InMemoryBlobStore();
        retrieval = new TestRetrieval();
        service = new VectorStoreServices(stores, blobs, retrieval.retrieval(), clock);
        files = new FileService(stores.files(), blobs, clock, service.files());
    }

    @AfterEach
    void close() {
        retrieval.extractor().resume();
        service.close();
        stores.close();
    }

    @Test
    void a_text_file_is_ingested_and_becomes_searchable() {
        // given
        String fileId = upload("guide.md", "The quick brown fox jumps over the lazy dog");
        VectorStore store =
                service.vectorStores().create(PROJECT, create(List.of(fileId), ChunkingStrategy.of(100, 0)));

        // when
        VectorStoreFile file = awaitFinished(store.id(), fileId);

        // then
        String text = "The quick brown fox jumps over the lazy dog";
        assertThat(file.status()).isEqualTo(VectorStoreFileStatus.COMPLETED);
        assertThat(file.usageBytes()).isEqualTo(text.length() + 4L * HashingEmbedder.DIMENSIONS);
        VectorStore done = service.vectorStores().retrieve(PROJECT, store.id());
        assertThat(done.fileCounts()).isEqualTo(new FileCounts(0, 1, 0, 0, 1));
        assertThat(done.usageBytes()).isEqualTo(file.usageBytes());
        assertThat(done.status()).isEqualTo(VectorStoreStatus.COMPLETED);
        assertThat(service.files().fileContent(PROJECT, store.id(), fileId).data())
                .extracting(p -> p.text())
                .containsExactly(text);
        List<SearchResult> found = service.search()
                .search(PROJECT, store.id(), search("lazy fox", Optional.empty()))
                .data();
        assertThat(found).extracting(SearchResult::fileId).containsExactly(fileId);
        assertThat(found.getFirst().filename()).isEqualTo("guide.md");
        assertThat(found.getFirst().score()).isEqualTo(1.0);
    }

    @Test
    void a_file_whose_ingestion_meets_a_full_disk_completes_once_space_is_back() {
        // given an index whose disk is full for its first two changes
        AtomicInteger fullFor = new AtomicInteger(2);
        ChunkIndex filling = new ForwardingChunkIndex(retrieval.index()) {
            @Override
            public void add(List<IndexedChunk> chunks) {
                if (fullFor.getAndDecrement() > 0) {
                    throw ServiceUnavailableException.diskFull("the search index's changes", null);
                }
                super.add(chunks);
            }
        };
        service.close();
        Retrieval doubles = retrieval.retrieval();
        service = new VectorStoreServices(
                stores,
                blobs,
                new Retrieval(doubles.extractor(), doubles.chunker(), doubles.embedder(), filling),
                clock);
        files = new FileService(stores.files(), blobs, clock, service.files());
        String fileId = upload("guide.md", "The quick brown fox jumps over the lazy dog");

        // when
        VectorStore store = service.vectorStores().create(PROJECT, create(List.of(fileId), null));

        // then it is worked on again (after 1 s, then 2 s) instead of failing, and completes
        assertThat(awaitFinished(store.id(), fileId).status()).isEqualTo(VectorStoreFileStatus.COMPLETED);
        assertThat(fullFor.get()).isNegative();
        assertThat(retrieval.index().chunkCount(store.id(), fileId)).isPositive();
    }

    @Test
    void unreadable_files_fail_with_the_extractor_code() {
        // given
        String image = upload("photo.png", "not really a png");
        String corrupt = upload("notes.txt", "CORRUPT");
        VectorStore store = service.vectorStores().create(PROJECT, create(List.of(image, corrupt), null));

        // when
        VectorStoreFile unsupported = awaitFinished(store.id(), image);
        VectorStoreFile invalid = awaitFinished(store.id(), corrupt);

        // then
        assertThat(unsupported.status()).isEqualTo(VectorStoreFileStatus.FAILED);
        assertThat(unsupported.lastError().code()).isEqualTo("unsupported_file");
        assertThat(invalid.lastError().code()).isEqualTo("invalid_file");
        assertThat(service.vectorStores().retrieve(PROJECT, store.id()).fileCounts())
                .isEqualTo(new FileCounts(0, 0, 2, 0, 2));
        assertThat(retrieval.index().totalChunks()).isZero();
    }

    @Test
    void without_retrieval_files_fail_with_a_server_error() {
        // given
        VectorStoreServices unavailable = new VectorStoreServices(stores, blobs, Retrieval.unavailable(), clock);
        String fileId = upload("a.txt", "hello");
        try {
            // when
            VectorStore store = unavailable.vectorStores().create(PROJECT, create(List.of(fileId), null));
            VectorStoreFile file = awaitFinished(unavailable, store.id(), fileId);

            // then
            assertThat(file.status()).isEqualTo(VectorStoreFileStatus.FAILED);
            assertThat(file.lastError().code()).isEqualTo("server_error");
            assertThat(file.lastError().message()).isEqualTo(Retrieval.NOT_CONFIGURED);
        } finally {
            unavailable.close();
        }
    }

    @Test
    void unknown_files_and_bad_chunking_are_refused_before_anything_is_stored() {
        // given
        String fileId = upload("a.txt", "hello");

        // when / then
        assertThatThrownBy(() -> service.vectorStores().create(PROJECT, create(List.of(fileId, "file-missing"), null)))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such File object: file-missing");
        assertThatThrownBy(() ->
                        service.vectorStores().create(PROJECT, create(List.of(fileId), ChunkingStrategy.of(200, 101))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("chunk_overlap_tokens");
        assertThat(service.vectorStores().list(PROJECT, ALL).data()).isEmpty();
        VectorStore store = service.vectorStores().create(PROJECT, create(List.of(), null));
        assertThatThrownBy(() -> service.files()
                        .addFile(PROJECT, store.id(), new VectorStoreFileCreateRequest("file-x", null, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.vectorStores().retrieve("proj_other", store.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No vector store found with id '" + store.id() + "'.");
        assertThat(service.files()
                        .listFiles(PROJECT, store.id(), Optional.empty(), ALL)
                        .data())
                .isEmpty();
    }

    @Test
    void adding_a_file_twice_returns_the_existing_one() {
        // given
        String fileId = upload("a.txt", "alpha beta");
        VectorStore store = service.vectorStores().create(PROJECT, create(List.of(), null));
        VectorStoreFile first = service.files()
                .addFile(PROJECT, store.id(), new VectorStoreFileCreateRequest(fileId, null, Map.of("k", "v")));
        awaitFinished(store.id(), fileId);

        // when
        VectorStoreFile second =
                service.files().addFile(PROJECT, store.id(), new VectorStoreFileCreateRequest(fileId, null, null));

        // then
        assertThat(first.status()).isEqualTo(VectorStoreFileStatus.IN_PROGRESS);
        assertThat(first.chunkingStrategy()).isEqualTo(ChunkingStrategy.AUTO);
        assertThat(second.status()).isEqualTo(VectorStoreFileStatus.COMPLETED);
        assertThat(second.attributes()).containsExactly(Map.entry("k", "v"));
        assertThat(totalFiles(store.id())).isEqualTo(1);
    }

    @Test
    void deleting_a_file_or_store_while_it_is_ingested_leaves_no_chunks() {
        // given
        retrieval.extractor().pause();
        String first = upload("a.txt", "one two three");
        String second = upload("b.txt", "four five six");
        VectorStore store = service.vectorStores().create(PROJECT, create(List.of(first), null));
        VectorStore other = service.vectorStores().create(PROJECT, create(List.of(second), null));
        // at least one is held in extraction (two jobs can share a lock stripe, so the other may wait for it)
        await(() -> retrieval.extractor().waiting() >= 1);

        // when
        service.files().deleteFile(PROJECT, store.id(), first);
        service.vectorStores().delete(PROJECT, other.id());
        retrieval.extractor().resume();

        // then: once both abandoned jobs are over, nothing of them is left
        await(service::ingestionIdle);
        assertThat(totalFiles(store.id())).isZero();
        assertThat(retrieval.index().totalChunks()).isZero();
        assertThat(files.retrieve(PROJECT, first).id()).isEqualTo(first);
        assertThatThrownBy(() -> service.files().retrieveFile(PROJECT, store.id(), first))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void cancelling_a_batch_cancels_its_pending_files_and_drops_their_chunks() {
        // given
        retrieval.extractor().pause();
        List<String> ids = List.of(upload("1.txt", "a b"), upload("2.txt", "c d"), upload("3.txt", "e f"));
        VectorStore store = service.vectorStores().create(PROJECT, create(List.of(), null));
        VectorStoreFileBatch batch = service.files()
                .createBatch(
                        PROJECT,
                        store.id(),
                        ids.stream()
                                .map(id -> new VectorStoreFileCreateRequest(id, null, null))
                                .toList());
        // at least one is held in extraction (two jobs can share a lock stripe, so the other may wait for it)
        await(() -> retrieval.extractor().waiting() >= 1);

        // when
        VectorStoreFileBatch cancelled = service.files().cancelBatch(PROJECT, store.id(), batch.id());
        retrieval.extractor().resume();

        // then
        assertThat(batch.status()).isEqualTo(VectorStoreFileStatus.IN_PROGRESS);
        assertThat(batch.fileCounts()).isEqualTo(new FileCounts(3, 0, 0, 0, 3));
        assertThat(cancelled.status()).isEqualTo(VectorStoreFileStatus.CANCELLED);
        assertThat(cancelled.fileCounts()).isEqualTo(new FileCounts(0, 0, 0, 3, 3));
        await(service::ingestionIdle);
        // the files in extraction when the batch was cancelled finish it (one, or two if the other worker had taken
        // its file by then); the file still queued is never extracted
        assertThat(retrieval.extractor().extracted()).isBetween(1, 2);
        assertThat(retrieval.extractor().waiting()).isZero();
        assertThat(service.files()
                        .listBatchFiles(
                                PROJECT, store.id(), batch.id(), Optional.of(VectorStoreFileStatus.CANCELLED), ALL)
                        .data())
                .hasSize(3);
        assertThat(service.search()
                        .search(PROJECT, store.id(), search("a c e", Optional.empty()))
                        .data())
                .isEmpty();
        assertThat(retrieval.index().totalChunks()).isZero();
    }

    @Test
    void files_left_in_progress_are_ingested_after_a_restart() {
        // given: a file row in progress, as a crash leaves it
        String fileId = upload("a.txt", "recovered words");
        VectorStore store = service.vectorStores().create(PROJECT, create(List.of(), null));
        stores.vectorStoreFiles()
                .insert(
                        PROJECT,
                        VectorStoreFile.added(fileId, store.id(), seconds.get(), null, null),
                        Optional.empty());

        // when
        int requeued = service.recover();

        // then
        assertThat(requeued).isEqualTo(1);
        assertThat(awaitFinished(store.id(), fileId).status()).isEqualTo(VectorStoreFileStatus.COMPLETED);
        assertThat(retrieval.index().chunkCount(store.id(), fileId)).isEqualTo(1);
    }

    @Test
    void deleting_a_file_through_the_files_api_removes_it_from_every_store() {
        // given
        String fileId = upload("a.txt", "shared words");
        VectorStore first = service.vectorStores().create(PROJECT, create(List.of(fileId), null));
        VectorStore second = service.vectorStores().create(PROJECT, create(List.of(fileId), null));
        awaitFinished(first.id(), fileId);
        awaitFinished(second.id(), fileId);

        // when
        files.delete(PROJECT, fileId);

        // then
        assertThat(totalFiles(first.id())).isZero();
        assertThat(totalFiles(second.id())).isZero();
        assertThat(retrieval.index().totalChunks()).isZero();
        assertThat(service.search().search(PROJECT, List.of(first.id(), second.id()), "shared", 10, 0))
                .isEmpty();
    }

    @Test
    void search_filters_on_attributes() {
        // given
        VectorStore store = service.vectorStores().create(PROJECT, create(List.of(), null));
        String ann2023 = addWith(store, "ann.txt", "report on sales", Map.of("author", "ann", "year", 2023L));
        String bob2024 = addWith(store, "bob.txt", "report on costs", Map.of("author", "bob", "year", 2024L));
        String noAttributes = addWith(store, "none.txt", "report draft", Map.of());
        List.of(ann2023, bob2024, noAttributes).forEach(id -> awaitFinished(store.id(), id));

        // when / then
        assertThat(fileIds(store, new Comparison("eq", "author", "ann"))).containsExactly(ann2023);
        assertThat(fileIds(store, new Comparison("ne", "author", "ann")))
                .containsExactlyInAnyOrder(bob2024, noAttributes);
        assertThat(fileIds(store, new Comparison("gte", "year", 2024L))).containsExactly(bob2024);
        assertThat(fileIds(store, new Comparison("lt", "year", 2024.5))).containsExactlyInAnyOrder(ann2023, bob2024);
        assertThat(fileIds(store, new Comparison("in", "author", List.of("bob", "cy"))))
                .containsExactly(bob2024);
        assertThat(fileIds(store, new Comparison("nin", "author", List.of("bob"))))
                .containsExactlyInAnyOrder(ann2023, noAttributes);
        assertThat(fileIds(
                        store,
                        new Compound(
                                "and",
                                List.of(new Comparison("eq", "author", "ann"), new Comparison("eq", "year", 2024L)))))
                .isEmpty();
        assertThat(fileIds(
                        store,
                        new Compound(
                                "or",
                                List.of(
                                        new Comparison("eq", "author", "ann"),
                                        new Compound("and", List.of(new Comparison("gt", "year", 2023L)))))))
                .containsExactlyInAnyOrder(ann2023, bob2024);
        assertThat(fileIds(store, new Comparison("gt", "author", 3L))).isEmpty();
    }

    @Test
    void file_search_spans_stores_applies_the_threshold_and_skips_unknown_and_expired_ones() {
        // given
        String a = upload("a.txt", "alpha beta gamma");
        String b = upload("b.txt", "alpha delta");
        VectorStore first = service.vectorStores().create(PROJECT, create(List.of(a), null));
        VectorStore second = service.vectorStores().create(PROJECT, create(List.of(b), null));
        VectorStore expiring = service.vectorStores()
                .create(
                        PROJECT,
                        new VectorStoreCreateRequest(null, null, List.of(a), null, ExpiresAfter.days(1), null));
        List.of(first, expiring).forEach(s -> awaitFinished(s.id(), a));
        awaitFinished(second.id(), b);
        seconds.addAndGet(86_400);
        service.search().search(PROJECT, List.of(first.id(), second.id()), "warm up", 1, 0); // keeps these two active

        // when
        List<FileSearchResult> all = service.search()
                .search(PROJECT, List.of(first.id(), second.id(), expiring.id(), "vs_unknown"), "alpha gamma", 10, 0);
        List<FileSearchResult> strong =
                service.search().search(PROJECT, List.of(first.id(), second.id()), "alpha gamma", 10, 0.9);

        // then
        assertThat(service.vectorStores().retrieve(PROJECT, expiring.id()).status())
                .isEqualTo(VectorStoreStatus.EXPIRED);
        assertThat(all).extracting(FileSearchResult::fileId).containsExactly(a, b);
        assertThat(all).extracting(FileSearchResult::fileName).containsExactly("a.txt", "b.txt");
        assertThat(all.get(1).score()).isEqualTo(0.5);
        assertThat(strong).extracting(FileSearchResult::fileId).containsExactly(a);
        assertThat(service.search().search("proj_other", List.of(first.id()), "alpha", 10, 0))
                .isEmpty();
    }

    @Test
    void modify_changes_name_expiry_and_metadata_and_expiry_is_computed_from_activity() {
        // given
        VectorStore store = service.vectorStores()
                .create(
                        PROJECT,
                        new VectorStoreCreateRequest(
                                "old", "about", List.of(), null, ExpiresAfter.days(2), Map.of("a", "1")));
        seconds.addAndGet(100);

        // when
        VectorStore modified = service.vectorStores()
                .modify(
                        PROJECT,
                        store.id(),
                        new VectorStoreModifyRequest(Patch.of("new"), Patch.clear(), Patch.of(Map.of("b", "2"))));

        // then
        assertThat(store.expiresAt()).isEqualTo(store.lastActiveAt() + 2 * 86_400);
        assertThat(modified.name()).isEqualTo("new");
        assertThat(modified.description()).isEqualTo("about");
        assertThat(modified.expiresAfter()).isNull();
        assertThat(modified.expiresAt()).isNull();
        assertThat(modified.lastActiveAt()).isEqualTo(store.lastActiveAt() + 100);
        assertThat(modified.metadata()).containsExactly(Map.entry("b", "2"));
    }

    private List<String> fileIds(VectorStore store, AttributeFilter filter) {
        return service.search().search(PROJECT, store.id(), search("report", Optional.of(filter))).data().stream()
                .map(SearchResult::fileId)
                .toList();
    }

    private String addWith(VectorStore store, String name, String content, Map<String, Object> attributes) {
        String fileId = upload(name, content);
        service.files().addFile(PROJECT, store.id(), new VectorStoreFileCreateRequest(fileId, null, attributes));
        return fileId;
    }

    private static VectorStoreSearchRequest search(String query, Optional<AttributeFilter> filter) {
        return new VectorStoreSearchRequest(List.of(query), 10, filter, "auto", 0, false);
    }

    private static VectorStoreCreateRequest create(List<String> fileIds, ChunkingStrategy strategy) {
        return new VectorStoreCreateRequest("docs", null, fileIds, strategy, null, null);
    }

    private String upload(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return files.upload(PROJECT, new FileUploadRequest(name, "assistants", bytes))
                .id();
    }

    private VectorStoreFile awaitFinished(String vectorStoreId, String fileId) {
        return awaitFinished(service, vectorStoreId, fileId);
    }

    private static VectorStoreFile awaitFinished(VectorStoreServices service, String vectorStoreId, String fileId) {
        VectorStoreFile file = Poll.until(
                DEADLINE,
                () -> service.files().retrieveFile(PROJECT, vectorStoreId, fileId),
                read -> read.status() != VectorStoreFileStatus.IN_PROGRESS);
        assertThat(file.status()).as("status of %s", fileId).isNotEqualTo(VectorStoreFileStatus.IN_PROGRESS);
        return file;
    }

    private static void await(BooleanSupplier condition) {
        assertThat(Poll.holds(DEADLINE, condition))
                .as("condition reached before the deadline")
                .isTrue();
    }

    /** The number of files in the vector store. */
    private long totalFiles(String vectorStoreId) {
        return service.vectorStores()
                .retrieve(PROJECT, vectorStoreId)
                .fileCounts()
                .total();
    }
}
