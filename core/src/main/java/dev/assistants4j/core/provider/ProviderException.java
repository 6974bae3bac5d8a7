package dev.assistants4j.core.provider;

import java.util.Optional;

/**
 * A failed call to a model provider. {@link #retriable()} is true for failures worth retrying with backoff: 408,
 * 409, 429, 5xx, timeouts, connection failures and streams that broke. The message is safe to show to API clients
 * (it never contains keys). When the upstream said so in its error body, {@link #code()} and {@link #type()} are its
 * {@code error.code} and {@code error.type}, e.g. {@code context_length_exceeded} and {@code invalid_request_error}.
 */
public final class ProviderException extends RuntimeException {

    private final int status;
    private final boolean retriable;
    private final String code;
    private final String type;

    /**
     * @param status the upstream HTTP status, or 0 when there was no response
     */
    public ProviderException(String message, int status, boolean retriable, Throwable cause) {
        this(message, status, retriable, cause, null, null);
    }

    /**
     * @param status the upstream HTTP status, or 0 when there was no response
     * @param code the upstream's {@code error.code}, or null
     * @param type the upstream's {@code error.type}, or null
     */
    public ProviderException(String message, int status, boolean retriable, Throwable cause, String code, String type) {
        super(message, cause);
        this.status = status;
        this.retriable = retriable;
        this.code = code;
        this.type = type;
    }

    /** A failure classified by HTTP status. */
    public static ProviderException ofStatus(int status, String message) {
        return ofStatus(status, message, null, null);
    }

    /** A failure classified by HTTP status, with the upstream's {@code error.code} and {@code error.type} (or null). */
    public static ProviderException ofStatus(int status, String message, String code, String type) {
        boolean retriable = status == 408 || status == 409 || status == 429 || status >= 500;
        return new ProviderException(message, status, retriable, null, code, type);
    }

    /** The upstream HTTP status, or 0 when no response came. */
    public int status() {
        return status;
    }

    public boolean retriable() {
        return retriable;
    }

    /** The upstream's {@code error.code}, when it sent a textual one. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** The upstream's {@code error.type}, when it sent one. */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /**
     * True when the prompt is too long for the model: OpenAI's {@code context_length_exceeded} code, or (for vLLM and
     * others that send no code) its usual wording.
     */
    public boolean contextWindowExceeded() {
        return code().filter("context_length_exceeded"::equals).isPresent()
                || String.valueOf(getMessage())
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains("maximum context length");
    }

    /** True for HTTP 429. */
    public boolean rateLimited() {
        return status == 429;
    }
}
