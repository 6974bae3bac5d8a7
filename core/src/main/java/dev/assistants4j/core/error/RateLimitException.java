package dev.assistants4j.core.error;

/** Too many requests (HTTP 429). */
public final class RateLimitException extends AssistantsException {

    public RateLimitException(String message) {
        super(message, null, "rate_limit_exceeded", null);
    }

    @Override
    public int status() {
        return 429;
    }

    @Override
    public String type() {
        return "rate_limit_error";
    }
}
