package dev.assistants4j.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.access.ModelCall;
import dev.assistants4j.core.access.ModelGate;
import dev.assistants4j.core.error.ErrorBody;
import dev.assistants4j.core.error.ErrorEnvelope;
import dev.assistants4j.core.error.ServerException;
import dev.assistants4j.server.config.ResolvedModel;
import dev.assistants4j.server.routing.UpstreamProxy;
import dev.assistants4j.server.routing.UpstreamProxy.Operation;
import dev.assistants4j.server.routing.UpstreamResponse;
import dev.assistants4j.server.routing.UpstreamUnreachableException;
import dev.assistants4j.server.routing.UsageTap;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /chat/completions}: OpenAI's chat completions, streamed or not, passed through the model routing to the
 * route's upstream by {@link UpstreamProxy}. Also holds the pass-through handler that {@link EmbeddingsRoutes} and
 * {@link AzureDeploymentsRoutes} use.
 *
 * <p>The upstream's answer is relayed as it comes: a success byte for byte (each SSE chunk flushed on arrival), an
 * OpenAI error with its status and body. Refused here: a body that is not a JSON object, lacks a required field or
 * has a known field of the wrong type ({@link ProxyRequests}; 400), a model the config does not serve (404 {@code
 * model_not_found}), an upstream that cannot be reached (502) or does not answer in time (504).
 */
public record ChatCompletionsRoutes(UpstreamProxy upstreams, ModelGate gate) {

    private static final Logger LOG = LoggerFactory.getLogger(ChatCompletionsRoutes.class);

    public void register(ApiRouter router) {
        router.httpPost(
                "/chat/completions", ctx -> pass(ctx, upstreams, gate, Operation.CHAT_COMPLETIONS, Optional.empty()));
    }

    /**
     * Reads the request, admits it through the {@link ModelGate} (the caller's models, budget and rate limits), routes
     * its model and relays the answer of the route's upstream; a successful answer's usage is charged to the caller.
     *
     * @param deployment the model named by the path (Azure's {@code /deployments/{deployment}/…}): it replaces the
     *     body's {@code model}, which may then be left out
     */
    static void pass(
            Context ctx, UpstreamProxy upstreams, ModelGate gate, Operation operation, Optional<String> deployment)
            throws IOException {
        ObjectNode request = JsonObjectReader.body(ctx).copy();
        deployment.ifPresent(name -> request.put("model", name));
        String model = ProxyRequests.check(JsonObjectReader.of(request, ""), operation);
        ModelCall call = new ModelCall(
                model,
                operation == Operation.EMBEDDINGS ? ModelCall.EMBEDDING : ModelCall.COMPLETION,
                RequestIds.of(ctx),
                Optional.empty(),
                Optional.ofNullable(request.path("user").textValue()));
        try (ModelGate.Admission admission = gate.admit(Auth.caller(ctx), call)) {
            Optional<ResolvedModel> route = upstreams.resolve(model);
            if (route.isEmpty()) {
                String message = "The model `" + model + "` does not exist or you do not have access to it.";
                writeError(ctx, 404, new ErrorBody(message, "invalid_request_error", null, "model_not_found"));
                return;
            }
            UsageTap tap = new UsageTap(request);
            if (relay(ctx, () -> upstreams.forward(operation, route.get(), request), tap)) {
                UsageTap.Tokens tokens = tap.tokens();
                admission.record(tokens.prompt(), tokens.completion());
            }
        }
    }

    /**
     * Relays the answer of an upstream call: a success as it comes, an error in OpenAI's shape; an upstream that
     * cannot be reached is a 502, one that does not answer in time a 504.
     */
    static void relay(Context ctx, Supplier<UpstreamResponse> call) throws IOException {
        relay(ctx, call, null);
    }

    /**
     * As {@link #relay(Context, Supplier)}, reading a successful answer's usage through {@code tap} (null: none);
     * true when the upstream answered with a success.
     */
    private static boolean relay(Context ctx, Supplier<UpstreamResponse> call, UsageTap tap) throws IOException {
        try (UpstreamResponse response = call.get()) {
            return relay(ctx, response, tap);
        } catch (UpstreamUnreachableException e) {
            ErrorEnvelope envelope = ErrorMapper.envelope(new ServerException(e.getMessage(), e));
            writeError(ctx, e.timedOut() ? 504 : 502, envelope.error());
            return false;
        }
    }

    private static boolean relay(Context ctx, UpstreamResponse response, UsageTap tap) throws IOException {
        response.headers().forEach(ctx::header);
        if (!response.successful()) {
            byte[] body = response.readAll();
            if (isOpenAiError(body)) {
                writeError(ctx, response.status(), body);
            } else {
                writeError(ctx, response.status(), substitute(response.status(), body));
            }
            return false;
        }
        ctx.status(response.status());
        ctx.contentType(response.contentType());
        if (response.eventStream()) {
            ctx.header("Cache-Control", "no-cache");
            ctx.header("X-Accel-Buffering", "no");
        }
        OutputStream out = ctx.res().getOutputStream();
        try {
            response.transferTo(tap == null ? out : tap.wrap(out, response.eventStream()));
        } catch (IOException e) {
            // The client went away or the upstream broke off; either way the response ends here, as the upstream's.
            LOG.debug("Relay of {} ended early (request {}): {}", ctx.path(), RequestIds.of(ctx), e.toString());
        }
        return true;
    }

    /** True for OpenAI's {@code {"error":{"message":…}}}, which is passed on as it is. */
    private static boolean isOpenAiError(byte[] body) {
        return parse(body)
                .map(json -> json.path("error").path("message").isTextual())
                .orElse(false);
    }

    /** OpenAI's envelope for an error body in another shape: its message if one can be found, else a generic one. */
    private static ErrorBody substitute(int status, byte[] body) {
        String message = parse(body)
                .flatMap(json -> Stream.of(json.path("error"), json.path("message"), json.path("detail"))
                        .filter(JsonNode::isTextual)
                        .map(JsonNode::asText)
                        .filter(text -> !text.isBlank())
                        .findFirst())
                .orElse("The model provider answered HTTP " + status + ".");
        return new ErrorBody(message, status >= 500 ? "server_error" : "invalid_request_error", null, null);
    }

    private static Optional<JsonNode> parse(byte[] body) {
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(body)).filter(JsonNode::isObject);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void writeError(Context ctx, int status, ErrorBody error) {
        try {
            writeError(ctx, status, Json.MAPPER.writeValueAsBytes(new ErrorEnvelope(error)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeError(Context ctx, int status, byte[] json) {
        ErrorMapper.writeRaw(ctx, status, json);
    }
}
