package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assistants4j.core.provider.ProviderException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns Gemini's errors, {@code {"error":{"code","message","status","details"}}}, into {@link ProviderException}s: the
 * HTTP status kept (an error inside a stream gets its {@code code}), Gemini's {@code status} (e.g. {@code
 * RESOURCE_EXHAUSTED}) as the type, and a prompt longer than the model's window as OpenAI's code {@code
 * context_length_exceeded}. A {@code google.rpc.RetryInfo} detail gives the delay Gemini asks for before a retry.
 * Messages have the provider's secrets removed. Stateless, thread-safe.
 */
final class GeminiErrors {

    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

    private GeminiErrors() {}

    /** A non-2xx answer. */
    static ProviderException ofStatus(int status, byte[] body, ObjectMapper json, Secrets secrets) {
        ProviderException failure = UpstreamErrors.ofStatus(status, body, json, secrets);
        String type = parse(body, json).path("error").path("status").textValue();
        return ProviderException.ofStatus(status, failure.getMessage(), code(failure.getMessage()), type);
    }

    /** The {@code error} object of a stream's data. */
    static ProviderException inStream(JsonNode error, Secrets secrets) {
        int code = error.path("code").asInt(500);
        String message = error.path("message").isTextual()
                ? secrets.redact(error.path("message").textValue())
                : "the model provider reported an error in the stream";
        int status = code >= 400 && code <= 599 ? code : 500;
        return ProviderException.ofStatus(
                status, message, code(message), error.path("status").textValue());
    }

    /** The {@code retryDelay} of a RetryInfo detail, e.g. {@code "13s"} or {@code "0.5s"}. */
    static Optional<Duration> retryDelay(byte[] body, ObjectMapper json) {
        for (JsonNode detail : parse(body, json).path("error").path("details")) {
            String delay = detail.path("retryDelay").asText("");
            if (RETRY_INFO.equals(detail.path("@type").asText()) && delay.matches("\\d{1,6}(\\.\\d{1,9})?s")) {
                BigDecimal seconds = new BigDecimal(delay.substring(0, delay.length() - 1));
                return Optional.of(Duration.ofMillis(seconds.movePointRight(3).longValue()));
            }
        }
        return Optional.empty();
    }

    /** Gemini says "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).". */
    private static String code(String message) {
        String lower = String.valueOf(message).toLowerCase(Locale.ROOT);
        boolean tooLong = lower.contains("input token count") && lower.contains("exceeds the maximum");
        return tooLong ? AnthropicErrors.CONTEXT_LENGTH_EXCEEDED : null;
    }

    private static JsonNode parse(byte[] body, ObjectMapper json) {
        try {
            JsonNode root = json.readTree(body);
            return root == null ? json.missingNode() : root;
        } catch (IOException e) {
            return json.missingNode();
        }
    }
}
