package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.core.domain.VectorStore;
import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import dev.assistants4j.core.search.Embedder;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.core.service.FileService;
import dev.assistants4j.core.service.FileUploadRequest;
import dev.assistants4j.core.service.IngestionSharing;
import dev.assistants4j.core.service.VectorStoreCreateRequest;
import dev.assistants4j.core.service.VectorStoreFileCreateRequest;
import dev.assistants4j.core.service.VectorStoreServices;
import dev.assistants4j.core.store.RunLeaseStore;
import dev.assistants4j.store.DatabaseUrl;
import dev.assistants4j.store.JdbcStores;
import dev.assistants4j.testkit.Poll;
import dev.assistants4j.testkit.TestPostgres;
import dev.assistants4j.testkit.retrieval.HashingEmbedder;
import dev.assistants4j.testkit.retrieval.InMemoryChunkIndex;
import dev.assistants4j.testkit.retrieval.TestExtractor;
import dev.assistants4j.testkit.retrieval.WhitespaceChunker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Vector store file ingestion on two nodes sharing one PostgreSQL schema (each its own stores, services, extractor and
 * embedder; one chunk index, as a shared index would be): a file is ingested once, by the node that holds its lease,
 * however often the other scans; a file whose node stops or dies mid-ingestion is completed by the other.
 */
class SharedIngestionTest {

    private static final String PROJECT = "proj_shared";
    private static final Duration LEASE = Duration.ofMillis(900);
    private static final Duration SCAN = Duration.ofMillis(100);
    /** Long enough that the dead node's lease is surely live when b's start-up recovery looks at it. */
    private static final Duration DEAD_LEASE = Duration.ofSeconds(3);

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final Clock clock = Clock.systemUTC();
    private final InMemoryChunkIndex index = new InMemoryChunkIndex();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private TestPostgres database;

    @BeforeEach
    void createSchema() {
        database = TestPostgres.create();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        database.close();
    }

    @Test
    void a_file_added_on_one_node_is_ingested_there_once_while_the_other_scans() throws Exception {
        Node a = node("node-a");
        Node b = node("node-b");
        a.extractor.pause();
        b.extractor.pause(); // would hold the file, visibly, were b to take it
        String fileId = a.upload("shared.txt", "alpha beta gamma");
        VectorStore store = a.services.vectorStores().create(PROJECT, create(List.of(fileId)));
        assertThat(Poll.holds(DEADLINE, () -> a.extractor.waiting() == 1)).isTrue();

        // b scans some 30 times and a renews its lease over three lease times, while a holds the file mid-ingestion
        boolean bTookIt = Poll.holds(LEASE.multipliedBy(3), () -> b.extractor.waiting() > 0);
        int recoveredOnB = b.services.recover();
        a.extractor.resume();
        b.extractor.resume();

        assertThat(bTookIt).isFalse();
        assertThat(recoveredOnB)
                .as("b's start-up recovery leaves a's file alone")
                .isZero();
        VectorStoreFile done = awaitFinished(b, store.id(), fileId);
        assertThat(done.status()).isEqualTo(VectorStoreFileStatus.COMPLETED);
        assertThat(Poll.holds(DEADLINE, () -> a.services.ingestionIdle() && b.services.ingestionIdle()))
                .isTrue();
        assertThat(a.extractor.extracted()).isEqualTo(1);
        assertThat(b.extractor.extracted()).isZero();
        assertThat(a.embeds.get()).isEqualTo(1);
        assertThat(b.embeds.get()).isZero();
        assertThat(index.chunkCount(store.id(), fileId)).isEqualTo(1);
        assertThat(leaseHolders(store.id(), fileId))
                .as("the lease is given up when done")
                .isEmpty();
    }

    @Test
    void a_file_whose_node_stops_mid_ingestion_is_completed_by_the_other() throws Exception {
        Node a = node("node-a");
        Node b = node("node-b");
        a.extractor.pause();
        String fileId = a.upload("handed.txt", "delta epsilon");
        VectorStore store = a.services.vectorStores().create(PROJECT, create(List.of(fileId)));
        assertThat(Poll.holds(DEADLINE, () -> a.extractor.waiting() == 1)).isTrue();
        assertThat(a.services.files().retrieveFile(PROJECT, store.id(), fileId).status())
                .isEqualTo(VectorStoreFileStatus.IN_PROGRESS);

        a.close(); // interrupts the extraction: the file stays in progress

        VectorStoreFile done = awaitFinished(b, store.id(), fileId);
        assertThat(done.status()).isEqualTo(VectorStoreFileStatus.COMPLETED);
        assertThat(a.extractor.extracted()).isZero();
        assertThat(a.embeds.get()).isZero();
        assertThat(b.extractor.extracted()).isEqualTo(1);
        assertThat(b.embeds.get()).isEqualTo(1);
        assertThat(index.chunks(store.id(), fileId))
                .extracting(hit -> hit.text())
                .containsExactly("delta epsilon");
    }

    @Test
    void a_file_whose_node_died_holding_its_lease_is_taken_over_once_the_lease_expires() throws Exception {
        Node b = node("node-b");
        Node a = node("node-a");
        String fileId = a.upload("orphan.txt", "zeta eta");
        VectorStore store = a.services.vectorStores().create(PROJECT, create(List.of()));
        a.close();
        // as a dead node leaves it: the row in progress, its lease held by a node that no longer renews it
        Instant now = clock.instant();
        String key = RunLeaseStore.fileKey(store.id(), fileId);
        assertThat(b.stores.runLeases().acquire(key, "node-dead", now, now.plus(DEAD_LEASE)))
                .isPresent();
        b.stores
                .vectorStoreFiles()
                .insert(
                        PROJECT,
                        VectorStoreFile.added(fileId, store.id(), now.getEpochSecond(), null, null),
                        Optional.empty());
        assertThat(b.services.recover()).as("the lease is still live at first").isZero();

        VectorStoreFile done = awaitFinished(b, store.id(), fileId);

        assertThat(done.status()).isEqualTo(VectorStoreFileStatus.COMPLETED);
        assertThat(leaseHolders(store.id(), fileId))
                .as("b took the lease over, then gave it up")
                .isEmpty();
        assertThat(b.extractor.extracted()).isEqualTo(1);
        assertThat(index.chunkCount(store.id(), fileId)).isEqualTo(1);
    }

    @Test
    void a_file_ingested_twice_keeps_one_set_of_chunks_and_its_first_outcome() {
        // a node paused for longer than its lease: the other took the file over and completed it meanwhile (a does not
        // scan here, lest it take the file back while paused: then only b's scan can take it)
        Node a = node("node-a", Duration.ofHours(1));
        Node b = node("node-b");
        a.extractor.pause();
        String fileId = a.upload("twice.txt", "theta iota");
        VectorStore store = a.services.vectorStores().create(PROJECT, create(List.of()));
        a.services.files().addFile(PROJECT, store.id(), new VectorStoreFileCreateRequest(fileId, null, null));
        assertThat(Poll.holds(DEADLINE, () -> a.extractor.waiting() == 1)).isTrue();
        String key = RunLeaseStore.fileKey(store.id(), fileId);
        b.stores.runLeases().release(key, "node-a"); // as if a's lease had expired: b's scan takes the file

        VectorStoreFile done = awaitFinished(b, store.id(), fileId);
        assertThat(done.status()).isEqualTo(VectorStoreFileStatus.COMPLETED);
        a.extractor.resume();

        assertThat(Poll.holds(DEADLINE, () -> a.services.ingestionIdle())).isTrue();
        assertThat(b.extractor.extracted()).isEqualTo(1);
        assertThat(a.services.files().retrieveFile(PROJECT, store.id(), fileId))
                .as("a's later work changes nothing")
                .isEqualTo(done);
        assertThat(index.chunks(store.id(), fileId))
                .extracting(hit -> hit.text())
                .containsExactly("theta iota");
    }

    private List<String> leaseHolders(String vectorStoreId, String fileId) throws Exception {
        List<String> owners = new ArrayList<>();
        try (var connection = database.connect();
                var statement = connection.prepareStatement("SELECT owner FROM run_leases WHERE run_id = ?")) {
            statement.setString(1, RunLeaseStore.fileKey(vectorStoreId, fileId));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    owners.add(rows.getString(1));
                }
            }
        }
        return owners;
    }

    private VectorStoreFile awaitFinished(Node node, String vectorStoreId, String fileId) {
        return Poll.until(
                DEADLINE,
                () -> node.services.files().retrieveFile(PROJECT, vectorStoreId, fileId),
                f -> f.status() != VectorStoreFileStatus.IN_PROGRESS);
    }

    private static VectorStoreCreateRequest create(List<String> fileIds) {
        return new VectorStoreCreateRequest("shared", null, fileIds, null, null, null);
    }

    private Node node(String name) {
        return node(name, SCAN);
    }

    private Node node(String name, Duration scanEvery) {
        JdbcStores stores = JdbcStores.openPostgres(DatabaseUrl.parse(database.url()), 4, Duration.ofSeconds(5));
        Node node = new Node(name, stores, scanEvery);
        opened.add(stores);
        opened.add(node);
        return node;
    }

    /** One node: its own stores, services, extractor and counted embedder on the shared schema and index. */
    private final class Node implements AutoCloseable {
        final JdbcStores stores;
        final TestExtractor extractor = new TestExtractor();
        final AtomicInteger embeds = new AtomicInteger();
        final VectorStoreServices services;
        final FileService files;
        private boolean closed;

        Node(String name, JdbcStores stores, Duration scanEvery) {
            this.stores = stores;
            HashingEmbedder hashing = new HashingEmbedder();
            Embedder counted = new Embedder() {
                @Override
                public String name() {
                    return hashing.name();
                }

                @Override
                public int dimensions() {
                    return hashing.dimensions();
                }

                @Override
                public List<float[]> embed(List<String> texts) {
                    embeds.incrementAndGet();
                    return hashing.embed(texts);
                }
            };
            this.services = new VectorStoreServices(
                    stores,
                    stores.blobs().orElseThrow(),
                    new Retrieval(extractor, new WhitespaceChunker(), counted, index),
                    clock,
                    Optional.of(new IngestionSharing(name, LEASE, scanEvery)));
            this.files = new FileService(stores.files(), stores.blobs().orElseThrow(), clock, services.files());
        }

        String upload(String name, String content) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            return files.upload(PROJECT, new FileUploadRequest(name, "assistants", bytes))
                    .id();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                services.close(); // interrupts a paused extraction
                extractor.resume();
            }
        }
    }
}
