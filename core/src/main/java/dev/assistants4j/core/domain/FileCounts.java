package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How many files of a vector store (or of a file batch) are in each state. Always computed from the files, never
 * kept as counters.
 */
@JsonPropertyOrder({"in_progress", "completed", "failed", "cancelled", "total"})
public record FileCounts(long inProgress, long completed, long failed, long cancelled, long total) {

    /** No files. */
    public static final FileCounts NONE = new FileCounts(0, 0, 0, 0, 0);

    /** The counts of files with the given per-status counts; total is their sum. */
    public static FileCounts of(long inProgress, long completed, long failed, long cancelled) {
        return new FileCounts(inProgress, completed, failed, cancelled, inProgress + completed + failed + cancelled);
    }
}
