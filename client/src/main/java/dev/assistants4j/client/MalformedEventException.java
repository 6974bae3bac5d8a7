package dev.assistants4j.client;

/**
 * A streamed event whose data could not be read as the object its name announces; the stream cannot go on. Carries
 * the event's name and raw data.
 */
public class MalformedEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String event;
    private final String data;

    public MalformedEventException(String event, String data, Throwable cause) {
        super("malformed " + event + " event: " + cause.getMessage(), cause);
        this.event = event;
        this.data = data;
    }

    /** The event's wire name. */
    public String event() {
        return event;
    }

    /** The event's data, as it came. */
    public String data() {
        return data;
    }
}
