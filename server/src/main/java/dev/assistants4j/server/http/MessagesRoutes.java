package dev.assistants4j.server.http;

import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.service.MessageService;

/** {@code /threads/{thread_id}/messages}: create, list (with run_id), retrieve, modify, delete. */
public final class MessagesRoutes {

    private final MessageService messages;

    public MessagesRoutes(MessageService messages) {
        this.messages = messages;
    }

    public void register(ApiRouter router) {
        router.post("/threads/{thread_id}/messages", this::create);
        router.get("/threads/{thread_id}/messages", this::list);
        router.get("/threads/{thread_id}/messages/{message_id}", this::retrieve);
        router.post("/threads/{thread_id}/messages/{message_id}", this::modify);
        router.delete("/threads/{thread_id}/messages/{message_id}", this::delete);
    }

    private void create(ApiExchange call) {
        var request = MessageRequests.create(call.body());
        call.json(messages.create(call.projectId(), call.pathParam("thread_id"), request));
    }

    private void list(ApiExchange call) {
        var page = messages.list(
                call.projectId(), call.pathParam("thread_id"), ListQuery.filter(call, "run_id"), ListQuery.page(call));
        call.json(ListResponse.of(page, Message::id));
    }

    private void retrieve(ApiExchange call) {
        call.json(messages.retrieve(call.projectId(), call.pathParam("thread_id"), call.pathParam("message_id")));
    }

    private void modify(ApiExchange call) {
        var metadata = MessageRequests.modify(call.body());
        call.json(
                messages.modify(call.projectId(), call.pathParam("thread_id"), call.pathParam("message_id"), metadata));
    }

    private void delete(ApiExchange call) {
        call.json(messages.delete(call.projectId(), call.pathParam("thread_id"), call.pathParam("message_id")));
    }
}
