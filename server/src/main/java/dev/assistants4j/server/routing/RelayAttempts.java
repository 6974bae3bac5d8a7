package dev.assistants4j.server.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.server.routing.Failover.Kind;
import dev.assistants4j.server.routing.Failover.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * How a relayed call to one deployment ended, for the {@link Failover} loop of {@link UpstreamProxy}: a success is an
 * answer (its body not read yet: nothing has been relayed); an error status is a failure whose body is kept, to be
 * relayed should no other deployment answer. Stateless.
 */
final class RelayAttempts {

    private RelayAttempts() {}

    /** The outcome of {@code response}, the upstream's answer to a relayed request. */
    static Outcome<UpstreamResponse> of(UpstreamResponse response) {
        if (response.successful()) {
            return new Outcome.Answered<>(response);
        }
        try (response) {
            byte[] body = response.readAll();
            UpstreamResponse kept =
                    UpstreamResponse.of(response.status(), response.contentType(), response.headers(), body);
            return new Outcome.Failed<>(kind(response.status(), body), response.status(), () -> kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An upstream that could not be reached, or did not answer in time. */
    static Outcome<UpstreamResponse> of(UpstreamUnreachableException failure) {
        return new Outcome.Failed<>(Kind.FAILOVER, 0, () -> {
            throw failure;
        });
    }

    /** A 503 in OpenAI's error shape, when every deployment is cooling down. */
    static UpstreamResponse unavailable(String message) {
        ObjectNode error = Json.MAPPER.createObjectNode();
        error.putObject("error")
                .put("message", message)
                .put("type", "server_error")
                .putNull("param")
                .putNull("code");
        return UpstreamResponse.of(
                503, "application/json", Map.of(), error.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Kind kind(int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        if (status == 400 && (text.contains("context_length_exceeded") || text.contains("maximum context length"))) {
            return Kind.CONTEXT_WINDOW;
        }
        return status == 408 || status == 409 || status == 429 || status >= 500 ? Kind.FAILOVER : Kind.REFUSED;
    }
}
