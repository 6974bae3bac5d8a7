package dev.assistants4j.testkit.store;

import dev.assistants4j.core.domain.FileCounts;
import dev.assistants4j.core.domain.VectorStore;
import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.domain.VectorStoreFileBatch;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.VectorStoreFileBatchStore;
import dev.assistants4j.core.store.VectorStoreFileStore;
import dev.assistants4j.core.store.VectorStoreFileStore.PendingFile;
import dev.assistants4j.core.store.VectorStoreFileStore.Usage;
import dev.assistants4j.core.store.VectorStoreStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The vector store part of {@link InMemoryStores}: stores, their files and batches, with counts and usage computed from
 * the files, as the JDBC stores compute them. Every call holds the owner's lock.
 */
final class InMemoryVectorStores {

    private final InMemoryStores owner;
    private final MemoryTable<VectorStore> storeTable =
            new MemoryTable<>("vector_stores", VectorStore.class, VectorStore::id);
    /** A file is unique per vector store; columns vector_store_id, batch_id, status, usage_bytes. */
    private final MemoryTable<VectorStoreFile> fileTable =
            new MemoryTable<>("vector_store_files", VectorStoreFile.class, VectorStoreFile::id, "vector_store_id");
    /** Columns vector_store_id, cancelled. */
    private final MemoryTable<VectorStoreFileBatch> batchTable =
            new MemoryTable<>("vector_store_file_batches", VectorStoreFileBatch.class, VectorStoreFileBatch::id);

    private final VectorStoreStore stores = new Stores();
    private final VectorStoreFileStore files = new Files();
    private final VectorStoreFileBatchStore batches = new Batches();

    InMemoryVectorStores(InMemoryStores owner) {
        this.owner = owner;
    }

    /** The tables of vector stores, their files and their batches. */
    List<MemoryTable<?>> tables() {
        return List.of(fileTable, batchTable, storeTable);
    }

    VectorStoreStore stores() {
        return stores;
    }

    VectorStoreFileStore files() {
        return files;
    }

    VectorStoreFileBatchStore batches() {
        return batches;
    }

    private static Map<String, Object> storeScope(String vectorStoreId) {
        return Map.of("vector_store_id", vectorStoreId);
    }

    private Usage usage(String projectId, Predicate<MemoryTable.Row> of) {
        Map<VectorStoreFileStatus, Long> counts = new EnumMap<>(VectorStoreFileStatus.class);
        long bytes = 0;
        for (MemoryTable.Row row : fileTable.rows(row -> row.projectId.equals(projectId) && of.test(row))) {
            counts.merge((VectorStoreFileStatus) row.column("status"), 1L, Long::sum);
            bytes += (Long) row.column("usage_bytes");
        }
        FileCounts fileCounts = FileCounts.of(
                counts.getOrDefault(VectorStoreFileStatus.IN_PROGRESS, 0L),
                counts.getOrDefault(VectorStoreFileStatus.COMPLETED, 0L),
                counts.getOrDefault(VectorStoreFileStatus.FAILED, 0L),
                counts.getOrDefault(VectorStoreFileStatus.CANCELLED, 0L));
        return new Usage(fileCounts, bytes);
    }

    private Usage storeUsage(String projectId, String vectorStoreId) {
        return usage(projectId, row -> vectorStoreId.equals(row.column("vector_store_id")));
    }

    private VectorStore withFiles(String projectId, VectorStore store) {
        Usage usage = storeUsage(projectId, store.id());
        return store.withFiles(usage.bytes(), usage.counts());
    }

    /** Inserts unless the store already has the file or the store is not the project's. */
    private boolean insertFile(String projectId, VectorStoreFile file, String batchId) {
        if (storeTable.row(projectId, Map.of(), file.vectorStoreId()).isEmpty()
                || fileTable
                        .row(projectId, storeScope(file.vectorStoreId()), file.id())
                        .isPresent()
                || !fileTable
                        .rows(row ->
                                row.id.equals(file.id()) && file.vectorStoreId().equals(row.column("vector_store_id")))
                        .isEmpty()) {
            return false;
        }
        Map<String, Object> columns = new HashMap<>();
        columns.put("vector_store_id", file.vectorStoreId());
        columns.put("batch_id", batchId);
        columns.put("status", file.status());
        columns.put("usage_bytes", file.usageBytes());
        fileTable.insert(projectId, columns, file);
        return true;
    }

    private final class Stores implements VectorStoreStore {
        @Override
        public void insert(String projectId, VectorStore store) {
            owner.lockedVoid(() -> storeTable.insert(projectId, Map.of(), store));
        }

        @Override
        public Optional<VectorStore> find(String projectId, String vectorStoreId) {
            return owner.locked(
                    () -> storeTable.find(projectId, Map.of(), vectorStoreId).map(s -> withFiles(projectId, s)));
        }

        @Override
        public boolean update(String projectId, VectorStore store) {
            return owner.locked(() -> storeTable.update(projectId, Map.of(), Map.of(), store));
        }

        @Override
        public boolean touch(String projectId, String vectorStoreId, long lastActiveAt) {
            return owner.locked(() -> {
                Optional<MemoryTable.Row> row = storeTable.row(projectId, Map.of(), vectorStoreId);
                row.ifPresent(found -> storeTable.rewrite(
                        found,
                        s -> new VectorStore(
                                s.id(),
                                s.createdAt(),
                                s.name(),
                                s.description(),
                                s.usageBytes(),
                                s.fileCounts(),
                                s.status(),
                                s.expiresAfter(),
                                s.expiresAt(),
                                lastActiveAt,
                                s.metadata())));
                return row.isPresent();
            });
        }

        @Override
        public boolean delete(String projectId, String vectorStoreId) {
            return owner.locked(() -> {
                if (!storeTable.delete(projectId, Map.of(), vectorStoreId)) {
                    return false;
                }
                // Files and batches go with it, as ON DELETE CASCADE does.
                fileTable.deleteWhere(row -> vectorStoreId.equals(row.column("vector_store_id")));
                batchTable.deleteWhere(row -> vectorStoreId.equals(row.column("vector_store_id")));
                return true;
            });
        }

        @Override
        public Page<VectorStore> list(String projectId, PageRequest page) {
            return owner.locked(() -> {
                Page<VectorStore> found = storeTable.list(projectId, Map.of(), Map.of(), page);
                return new Page<>(
                        found.data().stream().map(s -> withFiles(projectId, s)).toList(), found.hasMore());
            });
        }
    }

    private final class Files implements VectorStoreFileStore {
        @Override
        public boolean insert(String projectId, VectorStoreFile file, Optional<String> batchId) {
            return owner.locked(() -> insertFile(projectId, file, batchId.orElse(null)));
        }

        @Override
        public Optional<VectorStoreFile> find(String projectId, String vectorStoreId, String fileId) {
            return owner.locked(() -> fileTable.find(projectId, storeScope(vectorStoreId), fileId));
        }

        @Override
        public boolean finish(String projectId, VectorStoreFile file) {
            // Only the outcome is written: attributes changed meanwhile are kept.
            return owner.locked(() -> {
                Optional<MemoryTable.Row> row = fileTable
                        .row(projectId, storeScope(file.vectorStoreId()), file.id())
                        .filter(found -> found.column("status") == VectorStoreFileStatus.IN_PROGRESS);
                row.ifPresent(found -> {
                    fileTable.rewrite(
                            found,
                            stored -> new VectorStoreFile(
                                    stored.id(),
                                    file.usageBytes(),
                                    stored.createdAt(),
                                    stored.vectorStoreId(),
                                    file.status(),
                                    file.lastError(),
                                    stored.chunkingStrategy(),
                                    stored.attributes()));
                    found.columns.put("status", file.status());
                    found.columns.put("usage_bytes", file.usageBytes());
                });
                return row.isPresent();
            });
        }

        @Override
        public boolean updateAttributes(
                String projectId, String vectorStoreId, String fileId, Map<String, Object> attributes) {
            return owner.locked(() -> {
                Optional<MemoryTable.Row> row = fileTable.row(projectId, storeScope(vectorStoreId), fileId);
                row.ifPresent(found -> fileTable.rewrite(found, stored -> stored.withAttributes(attributes)));
                return row.isPresent();
            });
        }

        @Override
        public boolean delete(String projectId, String vectorStoreId, String fileId) {
            return owner.locked(() -> fileTable.delete(projectId, storeScope(vectorStoreId), fileId));
        }

        @Override
        public List<String> deleteEverywhere(String projectId, String fileId) {
            return owner.locked(() -> {
                Predicate<MemoryTable.Row> everywhere = row -> row.projectId.equals(projectId) && row.id.equals(fileId);
                List<String> from = fileTable.rows(everywhere).stream()
                        .map(row -> (String) row.column("vector_store_id"))
                        .toList();
                fileTable.deleteWhere(everywhere);
                return from;
            });
        }

        @Override
        public Page<VectorStoreFile> list(
                String projectId,
                String vectorStoreId,
                Optional<String> batchId,
                Optional<VectorStoreFileStatus> status,
                PageRequest page) {
            Map<String, Object> scope = new LinkedHashMap<>(storeScope(vectorStoreId));
            batchId.ifPresent(id -> scope.put("batch_id", id));
            Map<String, Object> filter =
                    status.<Map<String, Object>>map(s -> Map.of("status", s)).orElse(Map.of());
            return owner.locked(() -> fileTable.list(projectId, scope, filter, page));
        }

        @Override
        public List<VectorStoreFile> all(String projectId, String vectorStoreId, VectorStoreFileStatus status) {
            return owner.locked(() -> fileTable
                    .rows(row -> row.projectId.equals(projectId)
                            && vectorStoreId.equals(row.column("vector_store_id"))
                            && row.column("status") == status)
                    .stream()
                    .map(fileTable::object)
                    .toList());
        }

        @Override
        public Usage usage(String projectId, String vectorStoreId) {
            return owner.locked(() -> storeUsage(projectId, vectorStoreId));
        }

        @Override
        public List<PendingFile> inProgress() {
            return owner.locked(
                    () -> fileTable.rows(row -> row.column("status") == VectorStoreFileStatus.IN_PROGRESS).stream()
                            .map(row -> new PendingFile(row.projectId, fileTable.object(row)))
                            .toList());
        }
    }

    private final class Batches implements VectorStoreFileBatchStore {
        @Override
        public List<VectorStoreFile> insert(String projectId, VectorStoreFileBatch batch, List<VectorStoreFile> added) {
            return owner.locked(() -> {
                if (storeTable.rows(row -> row.id.equals(batch.vectorStoreId())).isEmpty()) {
                    throw new IllegalStateException("FOREIGN KEY constraint failed: vector_store_file_batches");
                }
                Map<String, Object> columns = new HashMap<>(storeScope(batch.vectorStoreId()));
                columns.put("cancelled", false);
                batchTable.insert(projectId, columns, batch);
                List<VectorStoreFile> fresh = new ArrayList<>();
                for (VectorStoreFile file : added) {
                    if (insertFile(projectId, file, batch.id())) {
                        fresh.add(file);
                    } else {
                        // A file the store already has joins the batch as it is.
                        fileTable
                                .row(projectId, storeScope(file.vectorStoreId()), file.id())
                                .ifPresent(row -> row.columns.put("batch_id", batch.id()));
                    }
                }
                return fresh;
            });
        }

        @Override
        public Optional<VectorStoreFileBatch> find(String projectId, String vectorStoreId, String batchId) {
            return owner.locked(() -> batchTable
                    .row(projectId, storeScope(vectorStoreId), batchId)
                    .map(row -> batchTable
                            .object(row)
                            .withFiles(
                                    usage(projectId, file -> batchId.equals(file.column("batch_id")))
                                            .counts(),
                                    (Boolean) row.column("cancelled"))));
        }

        @Override
        public boolean cancel(String projectId, String vectorStoreId, String batchId) {
            return owner.locked(() -> {
                Optional<MemoryTable.Row> row = batchTable.row(projectId, storeScope(vectorStoreId), batchId);
                if (row.isEmpty()) {
                    return false;
                }
                row.get().columns.put("cancelled", true);
                fileTable
                        .rows(file -> file.projectId.equals(projectId)
                                && batchId.equals(file.column("batch_id"))
                                && file.column("status") == VectorStoreFileStatus.IN_PROGRESS)
                        .forEach(file -> {
                            fileTable.rewrite(
                                    file,
                                    stored -> new VectorStoreFile(
                                            stored.id(),
                                            stored.usageBytes(),
                                            stored.createdAt(),
                                            stored.vectorStoreId(),
                                            VectorStoreFileStatus.CANCELLED,
                                            stored.lastError(),
                                            stored.chunkingStrategy(),
                                            stored.attributes()));
                            file.columns.put("status", VectorStoreFileStatus.CANCELLED);
                        });
                return true;
            });
        }
    }
}
