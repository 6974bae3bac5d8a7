package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.Attachment;
import dev.assistants4j.core.domain.ExpiresAfter;
import dev.assistants4j.core.domain.FileSearchResources;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.NewVectorStore;
import dev.assistants4j.core.domain.ToolResources;
import dev.assistants4j.core.domain.VectorStore;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vector stores that assistants and threads point at: checks the ones a request names, creates the ones it asks
 * for inline, gathers the files attached to a thread's messages for file_search into the thread's own vector store,
 * and waits for their ingestion before a run searches them. Thread-safe.
 */
record VectorStoreResources(VectorStoreService vectorStores, VectorStoreFileService files, Stores stores)
        implements ToolResourcesResolver {

    /** A thread's own store, made for its message attachments, expires after 7 idle days, as OpenAI's did. */
    static final ExpiresAfter THREAD_STORE_EXPIRY = new ExpiresAfter("last_active_at", 7);

    private static final Logger LOG = LoggerFactory.getLogger(VectorStoreResources.class);
    private static final String IDS_PARAM = "tool_resources.file_search.vector_store_ids";
    private static final Duration POLL = Duration.ofMillis(50);

    @Override
    public ToolResources resolve(String projectId, ToolResources requested) {
        if (requested == null || requested.fileSearch() == null) {
            return requested;
        }
        FileSearchResources fileSearch = requested.fileSearch();
        fileSearch.vectorStoreIds().forEach(id -> requireStore(projectId, id));
        if (fileSearch.newVectorStores().isEmpty()) {
            return requested;
        }
        if (!fileSearch.vectorStoreIds().isEmpty()
                || fileSearch.newVectorStores().size() > 1) {
            throw new InvalidRequestException(
                    "Invalid 'tool_resources.file_search': give either one vector store id in 'vector_store_ids' or"
                            + " one vector store to create in 'vector_stores', not both.",
                    "tool_resources.file_search",
                    "invalid_value");
        }
        NewVectorStore wanted = fileSearch.newVectorStores().getFirst();
        VectorStore created = vectorStores.create(
                projectId,
                new VectorStoreCreateRequest(
                        null, null, wanted.fileIds(), wanted.chunkingStrategy(), null, wanted.metadata()));
        return new ToolResources(requested.codeInterpreter(), new FileSearchResources(List.of(created.id())));
    }

    /**
     * Puts the files attached to the thread's messages for file_search into the thread's vector store, creating that
     * store (and recording it in the thread's tool_resources) when the thread has none. Files that no longer exist
     * are skipped.
     */
    void attachThreadFiles(String projectId, String threadId) {
        Set<String> fileIds = attachedForFileSearch(projectId, threadId);
        if (fileIds.isEmpty()) {
            return;
        }
        Optional<AssistantThread> found = stores.threads().find(projectId, threadId);
        if (found.isEmpty()) {
            return;
        }
        String storeId = threadStore(projectId, found.get());
        for (String fileId : fileIds) {
            try {
                files.addFile(projectId, storeId, new VectorStoreFileCreateRequest(fileId, null, null));
            } catch (NotFoundException e) {
                LOG.warn("Thread {}: the attached file {} is gone; not searched", threadId, fileId);
            }
        }
    }

    /**
     * Waits until none of the stores has a file being ingested; true when they are ready, false when the deadline
     * passed or {@code cancelled} turned true first. Unknown stores count as ready.
     */
    boolean awaitIngestion(String projectId, List<String> vectorStoreIds, Instant deadline, BooleanSupplier cancelled) {
        while (true) {
            if (inProgress(projectId, vectorStoreIds) == 0) {
                return true;
            }
            if (cancelled.getAsBoolean() || Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private long inProgress(String projectId, List<String> vectorStoreIds) {
        long count = 0;
        for (String id : vectorStoreIds) {
            try {
                count += vectorStores.retrieve(projectId, id).fileCounts().inProgress();
            } catch (NotFoundException e) {
                // deleted meanwhile: nothing to wait for
            }
        }
        return count;
    }

    /** The thread's first vector store, or a new one recorded in its tool_resources. */
    private String threadStore(String projectId, AssistantThread thread) {
        ToolResources resources = thread.toolResources();
        FileSearchResources fileSearch = resources == null ? null : resources.fileSearch();
        if (fileSearch != null && !fileSearch.vectorStoreIds().isEmpty()) {
            return fileSearch.vectorStoreIds().getFirst();
        }
        VectorStore created = vectorStores.create(
                projectId, new VectorStoreCreateRequest(null, null, List.of(), null, THREAD_STORE_EXPIRY, null));
        ToolResources updated = new ToolResources(
                resources == null ? null : resources.codeInterpreter(), new FileSearchResources(List.of(created.id())));
        stores.threads()
                .update(projectId, new AssistantThread(thread.id(), thread.createdAt(), thread.metadata(), updated));
        return created.id();
    }

    private Set<String> attachedForFileSearch(String projectId, String threadId) {
        Set<String> fileIds = new LinkedHashSet<>();
        for (Message message : messages(projectId, threadId)) {
            for (Attachment attachment : message.attachments()) {
                if (attachment.isFor("file_search")) {
                    fileIds.add(attachment.fileId());
                }
            }
        }
        return fileIds;
    }

    private List<Message> messages(String projectId, String threadId) {
        List<Message> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            Page<Message> page = stores.messages()
                    .list(
                            projectId,
                            threadId,
                            Optional.empty(),
                            new PageRequest(PageRequest.MAX_LIMIT, ListOrder.ASC, after, Optional.empty()));
            all.addAll(page.data());
            if (!page.hasMore() || page.data().isEmpty()) {
                return all;
            }
            after = Optional.of(page.data().getLast().id());
        }
    }

    private void requireStore(String projectId, String vectorStoreId) {
        if (stores.vectorStores().find(projectId, vectorStoreId).isEmpty()) {
            throw new NotFoundException("No vector store found with id '" + vectorStoreId + "'.", IDS_PARAM);
        }
    }
}
