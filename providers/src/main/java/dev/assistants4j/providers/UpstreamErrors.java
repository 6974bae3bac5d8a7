package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.assistants4j.core.provider.ProviderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns upstream failures into {@link ProviderException}s whose messages are safe to show: upstream messages have the
 * provider's secrets removed, transport failures get fixed texts. Stateless, thread-safe.
 */
final class UpstreamErrors {

    private static final int MAX_MESSAGE_LENGTH = 1000;

    private UpstreamErrors() {}

    /**
     * A non-2xx answer: the upstream's own message when its body is JSON in one of the usual shapes ({@code
     * error.message}, {@code error}, {@code message}, {@code detail}), otherwise a generic text; with OpenAI's {@code
     * error.code} and {@code error.type} when the body has them as text.
     */
    static ProviderException ofStatus(int status, byte[] body, ObjectMapper json, Secrets secrets) {
        JsonNode root = parse(body, json);
        String message =
                messageOf(root).map(text -> safe(text, secrets)).orElse("the model provider answered HTTP " + status);
        JsonNode error = root.path("error");
        return ProviderException.ofStatus(status, message, text(error, "code"), text(error, "type"));
    }

    /**
     * An {@code {"error":{…}}} object inside a stream. Its status is {@code error.code} when that is an HTTP status,
     * else 0; without a status it is retriable unless its type is {@code invalid_request_error}.
     */
    static ProviderException inStream(JsonNode error, Secrets secrets) {
        String message = Optional.ofNullable(error.path("message").textValue())
                .or(() -> Optional.ofNullable(error.textValue()))
                .map(text -> safe(text, secrets))
                .orElse("the model provider reported an error in the stream");
        JsonNode code = error.path("code");
        String type = text(error, "type");
        if (code.canConvertToInt() && code.asInt() >= 400 && code.asInt() <= 599) {
            return ProviderException.ofStatus(code.asInt(), message, null, type);
        }
        boolean retriable = !"invalid_request_error".equals(type);
        return new ProviderException(message, 0, retriable, null, text(error, "code"), type);
    }

    /** A failure to connect or to get an answer: retriable, status 0. */
    static ProviderException ofTransport(IOException failure) {
        String message;
        if (failure instanceof HttpConnectTimeoutException) {
            message = "timed out connecting to the model provider";
        } else if (failure instanceof HttpTimeoutException) {
            message = "the model provider did not answer in time";
        } else if (failure instanceof ConnectException) {
            message = "could not connect to the model provider";
        } else {
            message = "the connection to the model provider failed";
        }
        return new ProviderException(message, 0, true, failure);
    }

    /** The body as JSON; a missing node when it is not JSON. */
    private static JsonNode parse(byte[] body, ObjectMapper json) {
        try {
            JsonNode root = json.readTree(body);
            return root == null ? MissingNode.getInstance() : root;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** The field's text, or null when it is absent or not text. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }

    private static Optional<String> messageOf(JsonNode root) {
        if (!root.isObject()) {
            return Optional.empty();
        }
        return Stream.of(root.at("/error/message"), root.path("error"), root.path("message"), root.path("detail"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .filter(text -> !text.isBlank())
                .findFirst();
    }

    private static String safe(String text, Secrets secrets) {
        String redacted = secrets.redact(text);
        return redacted.length() <= MAX_MESSAGE_LENGTH ? redacted : redacted.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }
}
