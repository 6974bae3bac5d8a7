package dev.assistants4j.server.http;

import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.service.MessageService;
import io.javalin.http.Context;

/** {@code /threads/{thread_id}/messages}: create, list (with run_id), retrieve, modify, delete. */
public final class MessagesRoutes {

    private final MessageService messages;
    private final FileSearch fileSearch;

    public MessagesRoutes(MessageService messages) {
        this(messages, FileSearch.NONE);
    }

    /** @param fileSearch puts files attached for file_search into the thread's vector store right away */
    public MessagesRoutes(MessageService messages, FileSearch fileSearch) {
        this.messages = messages;
        this.fileSearch = fileSearch;
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
        String projectId = Auth.projectId(ctx);
        Message created = messages.create(projectId, ctx.pathParam("thread_id"), request);
        if (created.attachments().stream().anyMatch(attachment -> attachment.isFor("file_search"))) {
            fileSearch.attachThreadFiles(projectId, created.threadId());
        }
        ctx.json(created);
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
