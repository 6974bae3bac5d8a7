package dev.assistants4j.store;

import dev.assistants4j.core.domain.FileCounts;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import dev.assistants4j.core.store.VectorStoreFileStore.Usage;
import java.util.EnumMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Counts the rows of {@code vector_store_files} by status: the only source of file counts and usage. Stateless. */
final class VectorStoreFileCounts {

    private VectorStoreFileCounts() {}

    /** The files of a vector store. */
    static Usage ofStore(Handle handle, String projectId, String vectorStoreId) {
        return count(handle, projectId, "vector_store_id", vectorStoreId);
    }

    /** The files of a batch. */
    static Usage ofBatch(Handle handle, String projectId, String batchId) {
        return count(handle, projectId, "batch_id", batchId);
    }

    private static Usage count(Handle handle, String projectId, String column, String value) {
        Map<VectorStoreFileStatus, Long> counts = new EnumMap<>(VectorStoreFileStatus.class);
        long[] bytes = {0};
        handle.createQuery("SELECT status, COUNT(*) AS files, COALESCE(SUM(usage_bytes), 0) AS bytes"
                        + " FROM vector_store_files WHERE project_id = :project_id AND " + column + " = :value"
                        + " GROUP BY status")
                .bind("project_id", projectId)
                .bind("value", value)
                .map((rs, ctx) -> {
                    counts.put(VectorStoreFileStatus.fromWire(rs.getString("status")), rs.getLong("files"));
                    bytes[0] += rs.getLong("bytes");
                    return null;
                })
                .list();
        FileCounts fileCounts = FileCounts.of(
                counts.getOrDefault(VectorStoreFileStatus.IN_PROGRESS, 0L),
                counts.getOrDefault(VectorStoreFileStatus.COMPLETED, 0L),
                counts.getOrDefault(VectorStoreFileStatus.FAILED, 0L),
                counts.getOrDefault(VectorStoreFileStatus.CANCELLED, 0L));
        return new Usage(fileCounts, bytes[0]);
    }
}
