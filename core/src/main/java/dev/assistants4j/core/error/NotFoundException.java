package dev.assistants4j.core.error;

/** An id that does not exist for the caller's project (HTTP 404), or an unknown path. */
public final class NotFoundException extends AssistantsException {

    public NotFoundException(String message) {
        super(404, INVALID_REQUEST, message, null, null, null);
    }

    /** A not-found error about one request field, for example the {@code id} of a file. */
    public NotFoundException(String message, String param) {
        super(404, INVALID_REQUEST, message, param, null, null);
    }

    /** The OpenAI wording: {@code No thread found with id 'thread_x'.} */
    public static NotFoundException of(String kind, String id) {
        return new NotFoundException("No " + kind + " found with id '" + id + "'.");
    }
}
