package dev.assistants4j.server.http;

import dev.assistants4j.core.service.ThreadService;
import io.javalin.http.Context;

/** {@code /threads}: create (with initial messages), retrieve, modify, delete. */
public final class ThreadsRoutes {

    private final ThreadService threads;

    public ThreadsRoutes(ThreadService threads) {
        this.threads = threads;
    }

    public void register(ApiRouter router) {
        router.post("/threads", this::create);
        router.get("/threads/{thread_id}", this::retrieve);
        router.post("/threads/{thread_id}", this::modify);
        router.delete("/threads/{thread_id}", this::delete);
    }

    private void create(Context ctx) {
        var request = ThreadRequests.create(JsonObjectReader.body(ctx));
        ctx.json(threads.create(Auth.projectId(ctx), request));
    }

    private void retrieve(Context ctx) {
        ctx.json(threads.retrieve(Auth.projectId(ctx), ctx.pathParam("thread_id")));
    }

    private void modify(Context ctx) {
        var request = ThreadRequests.modify(JsonObjectReader.body(ctx));
        ctx.json(threads.modify(Auth.projectId(ctx), ctx.pathParam("thread_id"), request));
    }

    private void delete(Context ctx) {
        ctx.json(threads.delete(Auth.projectId(ctx), ctx.pathParam("thread_id")));
    }
}
