package dev.assistants4j.store;

import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.domain.VectorStoreFileBatch;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import dev.assistants4j.core.store.VectorStoreFileBatchStore;
import dev.assistants4j.core.store.VectorStoreFileStore.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** File batches in the {@code vector_store_file_batches} table; their files are rows of vector_store_files. */
final class JdbcVectorStoreFileBatchStore implements VectorStoreFileBatchStore {

    private final Database db;
    private static final ObjectTable<VectorStoreFile> FILES =
            new ObjectTable<>(JdbcVectorStoreFileStore.TABLE, VectorStoreFile.class, VectorStoreFile::id);

    private final ObjectTable<VectorStoreFileBatch> table =
            new ObjectTable<>("vector_store_file_batches", VectorStoreFileBatch.class, VectorStoreFileBatch::id);

    JdbcVectorStoreFileBatchStore(Database db) {
        this.db = db;
    }

    @Override
    public List<VectorStoreFile> insert(String projectId, VectorStoreFileBatch batch, List<VectorStoreFile> files) {
        return db.write(h -> {
            table.insert(h, projectId, batch.createdAt(), Map.of("vector_store_id", batch.vectorStoreId()), batch);
            List<VectorStoreFile> added = new ArrayList<>();
            for (VectorStoreFile file : files) {
                if (JdbcVectorStoreFileStore.insert(h, projectId, file, batch.id())) {
                    added.add(file);
                } else {
                    join(h, projectId, file, batch.id());
                }
            }
            return added;
        });
    }

    /** Moves a file the store already has into the batch, as it is. */
    private static void join(Handle handle, String projectId, VectorStoreFile file, String batchId) {
        handle.createUpdate("UPDATE " + JdbcVectorStoreFileStore.TABLE + " SET batch_id = :batch_id"
                        + " WHERE id = :id AND vector_store_id = :vector_store_id AND project_id = :project_id")
                .bind("batch_id", batchId)
                .bind("id", file.id())
                .bind("vector_store_id", file.vectorStoreId())
                .bind("project_id", projectId)
                .execute();
    }

    @Override
    public Optional<VectorStoreFileBatch> find(String projectId, String vectorStoreId, String batchId) {
        return db.read(h -> table.find(h, projectId, Map.of("vector_store_id", vectorStoreId), batchId)
                .map(batch -> {
                    Usage usage = VectorStoreFileCounts.ofBatch(h, projectId, batchId);
                    return batch.withFiles(usage.counts(), cancelled(h, batchId));
                }));
    }

    @Override
    public boolean cancel(String projectId, String vectorStoreId, String batchId) {
        return db.write(h -> {
            int batches = h.createUpdate("UPDATE vector_store_file_batches SET cancelled = 1"
                            + " WHERE id = :id AND vector_store_id = :vector_store_id AND project_id = :project_id")
                    .bind("id", batchId)
                    .bind("vector_store_id", vectorStoreId)
                    .bind("project_id", projectId)
                    .execute();
            if (batches == 0) {
                return false;
            }
            String cancelled = VectorStoreFileStatus.CANCELLED.wireName();
            FILES.patch(
                    h,
                    projectId,
                    Map.of("batch_id", batchId, "status", VectorStoreFileStatus.IN_PROGRESS.wireName()),
                    Map.of("status", cancelled),
                    Map.of("status", cancelled));
            return true;
        });
    }

    private static boolean cancelled(Handle handle, String batchId) {
        return handle.createQuery("SELECT cancelled FROM vector_store_file_batches WHERE id = :id")
                        .bind("id", batchId)
                        .mapTo(Integer.class)
                        .one()
                == 1;
    }
}
