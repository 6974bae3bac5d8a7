package dev.assistants4j.server.routing;

/**
 * The upstream of a route gave no answer: the connection failed, or no response headers came in time. The message is
 * safe to show to the client (it names no host and no key); the cause is for the logs.
 */
public final class UpstreamUnreachableException extends RuntimeException {

    private final boolean timedOut;

    UpstreamUnreachableException(String message, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    /** True when the upstream was reached (or tried) but did not answer in time. */
    public boolean timedOut() {
        return timedOut;
    }
}
