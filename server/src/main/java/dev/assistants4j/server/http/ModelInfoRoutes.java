package dev.assistants4j.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.access.Price;
import dev.assistants4j.core.access.Pricing;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * LiteLLM's {@code GET /model/info} (also under {@code /v1}): every deployment of the config, {@code model_list}'s
 * entries and the catch-all route, as {@code {"data": [{"model_name", "litellm_params", "model_info"}]}}. As LiteLLM
 * does, {@code litellm_params} never holds {@code api_key}; unlike LiteLLM, {@code api_base} loses any user info and
 * query, where credentials may hide. The answer is built once. Thread-safe.
 */
public final class ModelInfoRoutes {

    private final String answer;

    public ModelInfoRoutes(ServerConfig config) {
        List<ModelRoute> routes = new ArrayList<>(config.models());
        config.fallback().ifPresent(routes::add);
        ObjectNode body = Json.WIRE.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (int i = 0; i < routes.size(); i++) {
            data.add(deployment(routes.get(i), i));
        }
        this.answer = body.toString();
    }

    public void register(ApiRouter router) {
        router.httpGet("/model/info", this::info);
    }

    private void info(Context ctx) {
        ctx.contentType("application/json").result(answer);
    }

    private static ObjectNode deployment(ModelRoute route, int index) {
        ObjectNode deployment = Json.WIRE.createObjectNode();
        deployment.put("model_name", route.modelName());
        ObjectNode params = deployment.putObject("litellm_params");
        params.put("model", route.provider() + "/" + route.model());
        route.apiBase().flatMap(ModelInfoRoutes::withoutCredentials).ifPresent(base -> params.put("api_base", base));
        route.apiVersion().ifPresent(version -> params.put("api_version", version));
        deployment.set("model_info", info(route, index));
        return deployment;
    }

    private static ObjectNode info(ModelRoute route, int index) {
        Price price = route.price().orElseGet(() -> Pricing.BUILT_IN.of(route.model()));
        ObjectNode info = Json.WIRE.createObjectNode();
        info.put("id", id(route, index));
        info.put("db_model", false);
        info.put("key", route.model());
        info.put("mode", "chat");
        info.put("litellm_provider", route.provider());
        info.put("input_cost_per_token", price.inputCostPerToken());
        info.put("output_cost_per_token", price.outputCostPerToken());
        info.put("supports_vision", route.supportsVision());
        info.putNull("max_tokens");
        return info;
    }

    /** A stable id of the deployment: its place in the config and where it goes (never its key). */
    private static String id(ModelRoute route, int index) {
        String identity = index + "\n" + route.modelName() + "\n" + route.provider() + "/" + route.model() + "\n"
                + route.apiBase().orElse("");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** The URL without user info, query and fragment; empty if it is no URL. */
    private static Optional<String> withoutCredentials(String url) {
        try {
            URI uri = new URI(url);
            return Optional.of(
                    new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
