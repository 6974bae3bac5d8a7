package dev.assistants4j.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /models} and {@code GET /models/{model}}: the model names of the config's model_list. */
public final class ModelsRoutes {

    private final List<Model> models;

    public ModelsRoutes(ServerConfig config, long createdAt) {
        Map<String, Model> byName = new LinkedHashMap<>();
        for (ModelRoute route : config.models()) {
            if (!route.modelName().equals("*")) {
                byName.putIfAbsent(route.modelName(), new Model(route.modelName(), createdAt, route.provider()));
            }
        }
        this.models = List.copyOf(byName.values());
    }

    public void register(ApiRouter router) {
        router.get("/models", ctx -> ctx.json(new ModelList(models)));
        router.get("/models/{model}", this::retrieve);
    }

    private void retrieve(Context ctx) {
        String name = ctx.pathParam("model");
        ctx.json(models.stream()
                .filter(model -> model.id().equals(name))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("The model '" + name + "' does not exist.")));
    }

    /** OpenAI's model object. */
    @JsonPropertyOrder({"id", "object", "created", "owned_by"})
    record Model(String id, long created, String ownedBy) {
        @JsonProperty("object")
        String object() {
            return "model";
        }
    }

    /** The models list (no pagination, as OpenAI's). */
    @JsonPropertyOrder({"object", "data"})
    record ModelList(List<Model> data) {
        @JsonProperty("object")
        String object() {
            return "list";
        }
    }
}
