package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A batch of files added to a vector store together. Serialises to the wire shape of OpenAI's file batch object. Its
 * counts and status are derived from its files (see {@link #withFiles}).
 *
 * @param createdAt Unix seconds
 */
@JsonPropertyOrder({"id", "object", "created_at", "vector_store_id", "status", "file_counts"})
public record VectorStoreFileBatch(
        String id, long createdAt, String vectorStoreId, VectorStoreFileStatus status, FileCounts fileCounts) {

    public VectorStoreFileBatch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vectorStoreId, "vectorStoreId");
        status = status == null ? VectorStoreFileStatus.IN_PROGRESS : status;
        fileCounts = fileCounts == null ? FileCounts.NONE : fileCounts;
    }

    @JsonProperty("object")
    public String object() {
        return "vector_store.files_batch";
    }

    /**
     * This batch with the counts of its files and the status they imply: in progress while any file is, then
     * cancelled when a cancel was asked for, else completed.
     */
    public VectorStoreFileBatch withFiles(FileCounts counts, boolean cancelled) {
        VectorStoreFileStatus derived = counts.inProgress() > 0
                ? VectorStoreFileStatus.IN_PROGRESS
                : cancelled ? VectorStoreFileStatus.CANCELLED : VectorStoreFileStatus.COMPLETED;
        return new VectorStoreFileBatch(id, createdAt, vectorStoreId, derived, counts);
    }
}
