package dev.assistants4j.core.service;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.DeletedObject;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.error.AssistantsException;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.store.MessageStore;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.ThreadStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Add, read, modify, delete and list the messages of a thread. Thread-safe.
 *
 * @param files checks the files attachments and image_file parts name, before the message is stored
 * @param attachments puts files attached for file_search into the thread's vector store right away
 */
public record MessageService(
        ThreadStore threads,
        MessageStore messages,
        Clock clock,
        FileReferences files,
        FileSearchAttachments attachments) {

    public Message create(String projectId, String threadId, MessageCreateRequest request) {
        requireFiles(projectId, threadId, request);
        Message message = newMessage(threadId, clock.instant().getEpochSecond(), request);
        switch (messages.insertIfIdle(projectId, message)) {
            case MessageStore.Insertion.Stored stored -> {}
            case MessageStore.Insertion.Refused refused ->
                throw new InvalidRequestException(
                        "Can't add messages to " + threadId + " while a run "
                                + refused.active().id() + " is active.",
                        null);
            case MessageStore.Insertion.NoThread none -> throw NotFoundException.of("thread", threadId);
        }
        if (FileSearchAttachments.anyForFileSearch(message.attachments())) {
            attachments.attach(projectId, threadId);
        }
        return message;
    }

    public Message retrieve(String projectId, String threadId, String messageId) {
        requireThread(projectId, threadId);
        return messages.find(projectId, threadId, messageId)
                .orElseThrow(() -> NotFoundException.of("message", messageId));
    }

    public Message modify(String projectId, String threadId, String messageId, Patch<Map<String, String>> metadata) {
        Message current = retrieve(projectId, threadId, messageId);
        Message modified = current.withMetadata(metadata.apply(current.metadata()));
        if (!messages.update(projectId, modified)) {
            throw NotFoundException.of("message", messageId);
        }
        return modified;
    }

    public DeletedObject delete(String projectId, String threadId, String messageId) {
        requireThread(projectId, threadId);
        if (!messages.delete(projectId, threadId, messageId)) {
            throw NotFoundException.of("message", messageId);
        }
        return DeletedObject.of(messageId, "thread.message");
    }

    public Page<Message> list(String projectId, String threadId, Optional<String> runId, PageRequest page) {
        requireThread(projectId, threadId);
        return messages.list(projectId, threadId, runId, page);
    }

    /** A completed message written by the caller (not by a run). */
    public static Message newMessage(String threadId, long now, MessageCreateRequest request) {
        return Message.added(
                Ids.next(Ids.MESSAGE),
                now,
                threadId,
                request.role(),
                request.content(),
                request.attachments(),
                request.metadata());
    }

    /**
     * The files the message names exist. The thread is checked by the insert; when a file is wrong, it is checked
     * first, so that a missing thread is still what the answer says, as when it was read before everything else.
     */
    private void requireFiles(String projectId, String threadId, MessageCreateRequest request) {
        try {
            files.requireContent(projectId, request.content(), "content");
            files.requireAttachments(projectId, request.attachments(), "attachments");
        } catch (AssistantsException e) {
            requireThread(projectId, threadId);
            throw e;
        }
    }

    private void requireThread(String projectId, String threadId) {
        if (threads.find(projectId, threadId).isEmpty()) {
            throw NotFoundException.of("thread", threadId);
        }
    }
}
