package dev.assistants4j.client;

/** A rate limit, budget or quota reached (429). */
public class RateLimitException extends ApiException {

    private static final long serialVersionUID = 1L;

    public RateLimitException(String message, String type, String code, String param) {
        super(429, message, type, code, param);
    }
}
