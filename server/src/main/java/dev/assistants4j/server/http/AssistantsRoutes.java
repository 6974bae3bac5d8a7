package dev.assistants4j.server.http;

import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.service.AssistantService;

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

    private void create(ApiExchange call) {
        var request = AssistantRequests.create(call.body());
        call.json(assistants.create(call.projectId(), request));
    }

    private void list(ApiExchange call) {
        call.json(ListResponse.of(assistants.list(call.projectId(), ListQuery.page(call)), Assistant::id));
    }

    private void retrieve(ApiExchange call) {
        call.json(assistants.retrieve(call.projectId(), call.pathParam("assistant_id")));
    }

    private void modify(ApiExchange call) {
        var request = AssistantRequests.modify(call.body());
        call.json(assistants.modify(call.projectId(), call.pathParam("assistant_id"), request));
    }

    private void delete(ApiExchange call) {
        call.json(assistants.delete(call.projectId(), call.pathParam("assistant_id")));
    }
}
