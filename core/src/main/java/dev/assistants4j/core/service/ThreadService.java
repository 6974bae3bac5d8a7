package dev.assistants4j.core.service;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.DeletedObject;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.ToolResources;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.store.ThreadStore;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Create, read, modify and delete threads of a project. Thread-safe.
 *
 * @param resources checks the vector stores a thread names and creates the ones it asks for
 * @param files checks the files its tool_resources and its messages' attachments name, before anything is stored
 * @param attachments puts files attached for file_search into the thread's vector store right away
 * @param onDelete told about every thread this service deleted
 */
public record ThreadService(
        ThreadStore store,
        Clock clock,
        ToolResourcesResolver resources,
        FileReferences files,
        FileSearchAttachments attachments,
        DeletionHook onDelete) {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadService.class);

    /** Told about each deleted thread, after its rows are gone, so what lives on beside it can go too. Thread-safe. */
    @FunctionalInterface
    public interface DeletionHook {

        /** Does nothing. */
        DeletionHook NONE = (projectId, threadId) -> {};

        void threadDeleted(String projectId, String threadId);
    }

    /**
     * Creates a thread with its messages; files its messages attach for file_search go into its vector store at once
     * (so the thread returned names that store).
     */
    public AssistantThread create(String projectId, ThreadCreateRequest request) {
        files.requireThread(projectId, request, "");
        AssistantThread thread = insert(projectId, new Prepared(resolved(projectId, request)));
        boolean attached = request.messages().stream()
                .anyMatch(message -> FileSearchAttachments.anyForFileSearch(message.attachments()));
        if (!attached) {
            return thread;
        }
        attachments.attach(projectId, thread.id());
        return retrieve(projectId, thread.id());
    }

    /**
     * The first half of creating the thread of a create-thread-and-run: checks the files it names (its fields under
     * {@code thread.}) and those of the request's own {@code toolResources} (null: none), which the thread takes when
     * it names none itself, then checks and creates its vector stores. Nothing of the thread is stored yet: {@link
     * #insert} does that once the run is checked too.
     */
    public Prepared prepare(String projectId, ThreadCreateRequest request, ToolResources toolResources) {
        files.requireThread(projectId, request, "thread.");
        files.requireToolResources(projectId, toolResources, "tool_resources");
        ThreadCreateRequest merged = toolResources != null && request.toolResources() == null
                ? new ThreadCreateRequest(request.messages(), toolResources, request.metadata())
                : request;
        return new Prepared(resolved(projectId, merged));
    }

    /** A thread checked by {@link #prepare}, its vector stores resolved, ready to be stored. */
    public static final class Prepared {

        private final ThreadCreateRequest request;

        private Prepared(ThreadCreateRequest request) {
            this.request = request;
        }
    }

    /** Stores a prepared thread with its messages. */
    public AssistantThread insert(String projectId, Prepared prepared) {
        ThreadCreateRequest request = prepared.request;
        long now = clock.instant().getEpochSecond();
        AssistantThread thread =
                new AssistantThread(Ids.next(Ids.THREAD), now, request.metadata(), request.toolResources());
        List<Message> messages = request.messages().stream()
                .map(message -> MessageService.newMessage(thread.id(), now, message))
                .toList();
        store.insert(projectId, thread, messages);
        return thread;
    }

    private ThreadCreateRequest resolved(String projectId, ThreadCreateRequest request) {
        return new ThreadCreateRequest(
                request.messages(), resources.resolve(projectId, request.toolResources()), request.metadata());
    }

    public AssistantThread retrieve(String projectId, String threadId) {
        return store.find(projectId, threadId).orElseThrow(() -> NotFoundException.of("thread", threadId));
    }

    public AssistantThread modify(String projectId, String threadId, ThreadModifyRequest request) {
        AssistantThread current = retrieve(projectId, threadId);
        if (request.toolResources() instanceof Patch.Value<ToolResources> given) {
            files.requireToolResources(projectId, given.value(), "tool_resources");
        }
        AssistantThread modified = new AssistantThread(
                current.id(),
                current.createdAt(),
                request.metadata().apply(current.metadata()),
                resources.resolve(projectId, request.toolResources(), current.toolResources()));
        if (!store.update(projectId, modified)) {
            throw NotFoundException.of("thread", threadId);
        }
        return modified;
    }

    public DeletedObject delete(String projectId, String threadId) {
        if (!store.delete(projectId, threadId)) {
            throw NotFoundException.of("thread", threadId);
        }
        try {
            onDelete.threadDeleted(projectId, threadId);
        } catch (RuntimeException e) {
            LOG.error("Closing what the deleted thread {} left beside it failed", threadId, e);
        }
        return DeletedObject.of(threadId, "thread");
    }
}
