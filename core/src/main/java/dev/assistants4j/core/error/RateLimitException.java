package dev.assistants4j.core.error;

/** Too many requests (HTTP 429). */
public final class RateLimitException extends AssistantsException {

    public RateLimitException(String message) {
        super(429, "rate_limit_error", message, null, "rate_limit_exceeded", null);
    }
}
