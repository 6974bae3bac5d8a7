package dev.assistants4j.core.error;

/**
 * The server cannot do this now, but may soon (HTTP 503): for example its database cannot be written because the disk
 * is full. Nothing of the request was stored; retrying later helps.
 */
public final class ServiceUnavailableException extends AssistantsException {

    public ServiceUnavailableException(String message, String code, Throwable cause) {
        super(message, null, code, cause);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String type() {
        return "server_error";
    }
}
