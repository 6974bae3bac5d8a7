package dev.assistants4j.core.provider;

/**
 * A failed call to a model provider. {@link #retriable()} is true for failures worth retrying with backoff: 408,
 * 409, 429, 5xx, timeouts, connection failures and streams that broke. The message is safe to show to API clients
 * (it never contains keys).
 */
public final class ProviderException extends RuntimeException {

    private final int status;
    private final boolean retriable;

    /**
     * @param status the upstream HTTP status, or 0 when there was no response
     */
    public ProviderException(String message, int status, boolean retriable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retriable = retriable;
    }

    /** A failure classified by HTTP status. */
    public static ProviderException ofStatus(int status, String message) {
        boolean retriable = status == 408 || status == 409 || status == 429 || status >= 500;
        return new ProviderException(message, status, retriable, null);
    }

    /** The upstream HTTP status, or 0 when no response came. */
    public int status() {
        return status;
    }

    public boolean retriable() {
        return retriable;
    }

    /** True for HTTP 429. */
    public boolean rateLimited() {
        return status == 429;
    }
}
