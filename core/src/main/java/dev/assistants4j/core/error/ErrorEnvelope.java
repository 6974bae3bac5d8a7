package dev.assistants4j.core.error;

/**
 * OpenAI's error envelope {@code {"error":{"message","type","param","code"}}}: the body of an error response and the
 * data of a stream's {@code error} event.
 */
public record ErrorEnvelope(ErrorBody error) {

    /** The envelope of one of our errors. */
    public static ErrorEnvelope of(AssistantsException error) {
        return new ErrorEnvelope(new ErrorBody(
                error.getMessage(),
                error.type(),
                error.param().orElse(null),
                error.code().orElse(null)));
    }
}
