package dev.assistants4j.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.server.config.ModelResolver;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.server.routing.UpstreamProxy;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /models} and {@code GET /models/{model}}. With a {@code model_list}, its names; a name only a wildcard
 * serves ({@code "*"}, {@code "azure/*"}, assistant_settings' provider) is retrieved but not listed. Without one
 * (every name goes to {@code OPENAI_BASE_URL}), the upstream's own list, relayed, so that the SDKs' {@code
 * models.retrieve("gpt-4o")} answers for every model that works. Thread-safe.
 */
public final class ModelsRoutes {

    private final List<Model> models;
    private final ModelResolver resolver;
    private final Optional<ModelRoute> upstreamList;
    private final UpstreamProxy upstreams;
    private final long createdAt;

    public ModelsRoutes(ServerConfig config, long createdAt, UpstreamProxy upstreams) {
        Map<String, Model> byName = new LinkedHashMap<>();
        for (ModelRoute route : config.models()) {
            if (!route.isWildcard()) {
                byName.putIfAbsent(route.modelName(), new Model(route.modelName(), createdAt, route.provider()));
            }
        }
        this.models = List.copyOf(byName.values());
        this.resolver = config.resolver();
        this.upstreamList = config.models().isEmpty()
                ? config.fallback().filter(route -> !route.provider().equals("mock"))
                : Optional.empty();
        this.upstreams = upstreams;
        this.createdAt = createdAt;
    }

    public void register(ApiRouter router) {
        router.httpGet("/models", this::list);
        router.httpGet("/models/{model}", this::retrieve);
    }

    private void list(Context ctx) throws IOException {
        if (upstreamList.isPresent()) {
            ChatCompletionsRoutes.relay(ctx, () -> upstreams.get(upstreamList.get(), "models"));
        } else {
            ctx.json(new ModelList(models));
        }
    }

    private void retrieve(Context ctx) throws IOException {
        String name = ctx.pathParam("model");
        Optional<Model> listed =
                models.stream().filter(model -> model.id().equals(name)).findFirst();
        if (listed.isPresent()) {
            ctx.json(listed.get());
        } else if (upstreamList.isPresent()) {
            String path =
                    "models/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
            ChatCompletionsRoutes.relay(ctx, () -> upstreams.get(upstreamList.get(), path));
        } else {
            ModelRoute route = resolver.resolve(name)
                    .orElseThrow(() -> new NotFoundException("The model '" + name + "' does not exist."))
                    .route();
            ctx.json(new Model(name, createdAt, route.provider()));
        }
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
