package dev.assistants4j.core.error;

/** A failure on our side (HTTP 500). The message never carries internals; the cause is logged, not sent. */
public final class ServerException extends AssistantsException {

    public ServerException(String message, Throwable cause) {
        super(500, SERVER_ERROR, message, null, "server_error", cause);
    }
}
