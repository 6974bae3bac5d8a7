package dev.assistants4j.core.code;

import java.util.Objects;

/** Identifies a code interpreter session: one per thread of a project, reused across the thread's runs. */
public record SessionKey(String projectId, String threadId) {

    public SessionKey {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(threadId, "threadId");
    }
}
