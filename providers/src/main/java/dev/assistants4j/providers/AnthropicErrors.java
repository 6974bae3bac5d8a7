package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assistants4j.core.provider.ProviderException;
import java.util.Locale;

/**
 * Turns Anthropic's errors, {@code {"type":"error","error":{"type","message"}}}, into {@link ProviderException}s: an
 * HTTP error keeps its status; an {@code error} event in a stream gets the status Anthropic documents for its type
 * ({@code overloaded_error} 529, {@code rate_limit_error} 429, {@code invalid_request_error} 400, …), so that it is
 * retried or not as the same error before the stream would be. A prompt longer than the model's context window gets
 * OpenAI's code {@code context_length_exceeded}. Messages have the provider's secrets removed. Stateless, thread-safe.
 */
final class AnthropicErrors {

    static final String CONTEXT_LENGTH_EXCEEDED = "context_length_exceeded";

    private AnthropicErrors() {}

    /** A non-2xx answer. */
    static ProviderException ofStatus(int status, byte[] body, ObjectMapper json, Secrets secrets) {
        ProviderException failure = UpstreamErrors.ofStatus(status, body, json, secrets);
        String type = failure.type().orElse(null);
        return ProviderException.ofStatus(status, failure.getMessage(), code(type, failure.getMessage()), type);
    }

    /** The {@code error} object of an {@code error} event in a stream. */
    static ProviderException inStream(JsonNode error, Secrets secrets) {
        String type = error.path("type").textValue();
        String message = error.path("message").isTextual()
                ? secrets.redact(error.path("message").textValue())
                : "the model provider reported an error in the stream";
        return ProviderException.ofStatus(status(type), message, code(type, message), type);
    }

    /** The HTTP status Anthropic answers errors of {@code type} with; 500 for types it does not document. */
    static int status(String type) {
        if (type == null) {
            return 500;
        }
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    /** Anthropic says "prompt is too long: 201234 tokens > 200000 maximum". */
    private static String code(String type, String message) {
        boolean tooLong = "invalid_request_error".equals(type)
                && String.valueOf(message).toLowerCase(Locale.ROOT).contains("prompt is too long");
        return tooLong ? CONTEXT_LENGTH_EXCEEDED : null;
    }
}
