package dev.assistants4j.core.service;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.DeletedObject;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.store.ThreadStore;
import java.time.Clock;
import java.util.List;

/** Create, read, modify and delete threads of a project. Thread-safe. */
public final class ThreadService {

    private final ThreadStore store;
    private final Clock clock;

    public ThreadService(ThreadStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public AssistantThread create(String projectId, ThreadCreateRequest request) {
        long now = clock.instant().getEpochSecond();
        AssistantThread thread =
                new AssistantThread(Ids.next(Ids.THREAD), now, request.metadata(), request.toolResources());
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
        AssistantThread modified = new AssistantThread(
                current.id(),
                current.createdAt(),
                request.metadata().apply(current.metadata()),
                request.toolResources().apply(current.toolResources()));
        if (!store.update(projectId, modified)) {
            throw NotFoundException.of("thread", threadId);
        }
        return modified;
    }

    public DeletedObject delete(String projectId, String threadId) {
        if (!store.delete(projectId, threadId)) {
            throw NotFoundException.of("thread", threadId);
        }
        return DeletedObject.of(threadId, "thread");
    }
}
