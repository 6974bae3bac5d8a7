package dev.assistants4j.core.store;

/**
 * What a project's objects as a whole can go through: a move to another project, or removal. Covers every object
 * table (assistants, threads, messages, runs, run steps, files, vector stores, their files and batches); file content
 * and search chunks are the caller's to remove first. Thread-safe; durable on return.
 */
public interface ProjectStore {

    /** Gives every object of {@code fromProject} to {@code toProject}, in one transaction; returns how many. */
    int move(String fromProject, String toProject);

    /** Deletes every object row of {@code projectId}, in one transaction; returns how many. */
    int deleteAll(String projectId);
}
