package dev.assistants4j.core.error;

/**
 * A request refused by the HTTP layer before it reached the API, with the status that layer chose: a request line or
 * header that cannot be parsed or has a bad path encoding (400), a URI (414) or headers (431) too long, an unmet
 * {@code Expect} (417), an unsupported HTTP version (505). A 5xx is a failure on our side ({@code server_error}).
 */
public final class HttpProtocolException extends AssistantsException {

    /** @param status 400..599 */
    public HttpProtocolException(int status, String message) {
        super(checked(status), status >= 500 ? SERVER_ERROR : INVALID_REQUEST, message, null, null, null);
    }

    private static int checked(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 400..599, got " + status);
        }
        return status;
    }
}
