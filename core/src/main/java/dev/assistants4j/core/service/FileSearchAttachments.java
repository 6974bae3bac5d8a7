package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.Attachment;
import java.util.List;

/**
 * Puts the files attached to a thread's messages for file_search into the thread's vector store, creating that store
 * (and recording it in the thread's tool_resources) when the thread has none. Thread-safe.
 */
@FunctionalInterface
public interface FileSearchAttachments {

    /** Does nothing: for servers without vector stores. */
    FileSearchAttachments NONE = (projectId, threadId) -> {};

    void attach(String projectId, String threadId);

    /** Whether any of {@code attachments} is for file_search. */
    static boolean anyForFileSearch(List<Attachment> attachments) {
        return attachments.stream().anyMatch(attachment -> attachment.isFor("file_search"));
    }
}
