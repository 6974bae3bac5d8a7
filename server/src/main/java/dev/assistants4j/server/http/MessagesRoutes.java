package dev.assistants4j.server.http;

import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.service.MessageService;
import io.javalin.http.Context;

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

    private void create(Context ctx) {
        var request = MessageRequests.create(JsonObjectReader.body(ctx));
        ctx.json(messages.create(Auth.projectId(ctx), ctx.pathParam("thread_id"), request));
    }

    private void list(Context ctx) {
        var page = messages.list(
                Auth.projectId(ctx), ctx.pathParam("thread_id"), ListQuery.filter(ctx, "run_id"), ListQuery.page(ctx));
        ctx.json(ListResponse.of(page, Message::id));
    }

    private void retrieve(Context ctx) {
        ctx.json(messages.retrieve(Auth.projectId(ctx), ctx.pathParam("thread_id"), ctx.pathParam("message_id")));
    }

    private void modify(Context ctx) {
        var metadata = MessageRequests.modify(JsonObjectReader.body(ctx));
        ctx.json(messages.modify(
                Auth.projectId(ctx), ctx.pathParam("thread_id"), ctx.pathParam("message_id"), metadata));
    }

    private void delete(Context ctx) {
        ctx.json(messages.delete(Auth.projectId(ctx), ctx.pathParam("thread_id"), ctx.pathParam("message_id")));
    }
}
