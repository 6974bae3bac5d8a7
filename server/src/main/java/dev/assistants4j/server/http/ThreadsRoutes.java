package dev.assistants4j.server.http;

import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.service.ThreadService;
import io.javalin.http.Context;

/** {@code /threads}: create (with initial messages), retrieve, modify, delete. */
public final class ThreadsRoutes {

    private final ThreadService threads;

    private final FileSearch fileSearch;

    public ThreadsRoutes(ThreadService threads) {
        this(threads, FileSearch.NONE);
    }

    /** @param fileSearch puts files attached for file_search into the thread's vector store right away */
    public ThreadsRoutes(ThreadService threads, FileSearch fileSearch) {
        this.threads = threads;
        this.fileSearch = fileSearch;
    }

    public void register(ApiRouter router) {
        router.post("/threads", this::create);
        router.get("/threads/{thread_id}", this::retrieve);
        router.post("/threads/{thread_id}", this::modify);
        router.delete("/threads/{thread_id}", this::delete);
    }

    private void create(Context ctx) {
        var request = ThreadRequests.create(JsonObjectReader.body(ctx));
        String projectId = Auth.projectId(ctx);
        AssistantThread created = threads.create(projectId, request);
        boolean attached = request.messages().stream()
                .flatMap(message -> message.attachments().stream())
                .anyMatch(attachment -> attachment.isFor("file_search"));
        if (attached) {
            fileSearch.attachThreadFiles(projectId, created.id());
            created = threads.retrieve(projectId, created.id());
        }
        ctx.json(created);
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
