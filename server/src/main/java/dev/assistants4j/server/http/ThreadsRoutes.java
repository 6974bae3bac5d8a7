package dev.assistants4j.server.http;

import dev.assistants4j.core.service.ThreadService;

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

    private void create(ApiExchange call) {
        var request = ThreadRequests.create(call.body());
        call.json(threads.create(call.projectId(), request));
    }

    private void retrieve(ApiExchange call) {
        call.json(threads.retrieve(call.projectId(), call.pathParam("thread_id")));
    }

    private void modify(ApiExchange call) {
        var request = ThreadRequests.modify(call.body());
        call.json(threads.modify(call.projectId(), call.pathParam("thread_id"), request));
    }

    private void delete(ApiExchange call) {
        call.json(threads.delete(call.projectId(), call.pathParam("thread_id")));
    }
}
