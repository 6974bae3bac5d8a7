package dev.assistants4j.client;

/**
 * No answer came: the server could not be reached, the connection broke, or the call timed out ({@link #timedOut()}).
 * Not an {@link ApiException}: there is no status.
 */
public class ApiConnectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean timedOut;

    public ApiConnectionException(String message, Throwable cause, boolean timedOut) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    /** Whether the call ended because it took longer than its timeout. */
    public boolean timedOut() {
        return timedOut;
    }
}
