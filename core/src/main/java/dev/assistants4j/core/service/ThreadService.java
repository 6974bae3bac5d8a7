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

/** Create, read, modify and delete threads of a project. Thread-safe. */
public final class ThreadService {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadService.class);

    private final ThreadStore store;
    private final Clock clock;
    private final ToolResourcesResolver resources;
    private final FileReferences files;
    private final DeletionHook onDelete;

    /**
     * A service that checks neither the vector stores nor the files a thread names: for threads whose request was
     * checked already (create-thread-and-run), and unit tests.
     */
    public ThreadService(ThreadStore store, Clock clock) {
        this(store, clock, ToolResourcesResolver.AS_GIVEN, FileReferences.UNCHECKED, DeletionHook.NONE);
    }

    /**
     * @param resources checks the vector stores a thread names and creates the ones it asks for
     * @param files checks the files its tool_resources and its messages' attachments name, before anything is stored
     * @param onDelete told about every thread this service deleted
     */
    public ThreadService(
            ThreadStore store,
            Clock clock,
            ToolResourcesResolver resources,
            FileReferences files,
            DeletionHook onDelete) {
        this.store = store;
        this.clock = clock;
        this.resources = resources;
        this.files = files;
        this.onDelete = onDelete;
    }

    /** Told about each deleted thread, after its rows are gone, so what lives on beside it can go too. Thread-safe. */
    @FunctionalInterface
    public interface DeletionHook {

        /** Does nothing. */
        DeletionHook NONE = (projectId, threadId) -> {};

        void threadDeleted(String projectId, String threadId);
    }

    public AssistantThread create(String projectId, ThreadCreateRequest request) {
        files.requireThread(projectId, request, "");
        long now = clock.instant().getEpochSecond();
        AssistantThread thread = new AssistantThread(
                Ids.next(Ids.THREAD), now, request.metadata(), resources.resolve(projectId, request.toolResources()));
        List<Message> messages = request.messages().stream()
                .map(message -> MessageService.newMessage(thread.id(), now, message))
                .toList();
        store.insert(projectId, thread, messages);
        return thread;
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
                request.toolResources() instanceof Patch.Value<ToolResources> given
                        ? resources.resolve(projectId, given.value())
                        : request.toolResources().apply(current.toolResources()));
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
