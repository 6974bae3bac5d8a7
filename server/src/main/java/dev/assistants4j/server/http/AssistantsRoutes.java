package dev.assistants4j.server.http;

import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.service.AssistantService;
import io.javalin.http.Context;

/** {@code /assistants}: create, list, retrieve, modify, delete. */
public final class AssistantsRoutes {

    private final AssistantService assistants;

    public AssistantsRoutes(AssistantService assistants) {
        this.assistants = assistants;
    }

    public void register(ApiRouter router) {
        router.post("/assistants", this::create);
        router.get("/assistants", this::list);
        router.get("/assistants/{assistant_id}", this::retrieve);
        router.post("/assistants/{assistant_id}", this::modify);
        router.delete("/assistants/{assistant_id}", this::delete);
    }

    private void create(Context ctx) {
        var request = AssistantRequests.create(JsonObjectReader.body(ctx));
        ctx.json(assistants.create(Auth.projectId(ctx), request));
    }

    private void list(Context ctx) {
        ctx.json(ListResponse.of(assistants.list(Auth.projectId(ctx), ListQuery.page(ctx)), Assistant::id));
    }

    private void retrieve(Context ctx) {
        ctx.json(assistants.retrieve(Auth.projectId(ctx), ctx.pathParam("assistant_id")));
    }

    private void modify(Context ctx) {
        var request = AssistantRequests.modify(JsonObjectReader.body(ctx));
        ctx.json(assistants.modify(Auth.projectId(ctx), ctx.pathParam("assistant_id"), request));
    }

    private void delete(Context ctx) {
        ctx.json(assistants.delete(Auth.projectId(ctx), ctx.pathParam("assistant_id")));
    }
}
