package dev.assistants4j.core.error;

import java.util.Map;

/** Too many requests (HTTP 429), with the headers that say when to try again, if known. */
public final class RateLimitException extends AssistantsException {

    private final Map<String, String> headers;

    public RateLimitException(String message) {
        this(message, Map.of());
    }

    /** @param headers OpenAI's {@code x-ratelimit-*} and {@code retry-after} headers, names lower-cased */
    public RateLimitException(String message, Map<String, String> headers) {
        super(429, "rate_limit_error", message, null, "rate_limit_exceeded", null);
        this.headers = Map.copyOf(headers);
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    /** Seconds until a retry may succeed, from {@code retry-after}; 0 when not known. */
    public long retryAfterSeconds() {
        try {
            return Long.parseLong(headers.getOrDefault("retry-after", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
