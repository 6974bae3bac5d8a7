package dev.assistants4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * An error the Assistants API answered, in OpenAI's shape {@code {"error":{"message","type","param","code"}}}: its
 * HTTP status and the envelope's fields. Each status has its subclass ({@link NotFoundException} for 404, …), so
 * callers catch what they handle; both transports throw the same one for the same error.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String code;
    private final String param;

    public ApiException(int status, String message, String type, String code, String param) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    /**
     * The exception for an error answer: {@code body} is the envelope, or anything else (a proxy's HTML page, an empty
     * body), whose text becomes the message.
     */
    public static ApiException of(int status, JsonNode body) {
        JsonNode error = body == null ? null : body.get("error");
        String message;
        String type = null;
        String code = null;
        String param = null;
        if (error != null && error.isObject()) {
            message = text(error.get("message")).orElse("HTTP " + status);
            type = text(error.get("type")).orElse(null);
            code = text(error.get("code")).orElse(null);
            param = text(error.get("param")).orElse(null);
        } else if (error != null && error.isTextual()) {
            message = error.asText();
        } else {
            message = "HTTP " + status
                    + (body == null || body.isMissingNode() ? "" : ": " + (body.isTextual() ? body.asText() : body));
        }
        return switch (status) {
            case 400 -> new BadRequestException(message, type, code, param);
            case 401 -> new AuthenticationException(message, type, code, param);
            case 403 -> new PermissionDeniedException(message, type, code, param);
            case 404 -> new NotFoundException(message, type, code, param);
            case 409 -> new ConflictException(message, type, code, param);
            case 422 -> new UnprocessableEntityException(message, type, code, param);
            case 429 -> new RateLimitException(message, type, code, param);
            default ->
                status >= 500
                        ? new InternalServerException(status, message, type, code, param)
                        : new ApiException(status, message, type, code, param);
        };
    }

    private static Optional<String> text(JsonNode node) {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** OpenAI's error type ({@code invalid_request_error}, …); null when the answer had none. */
    public String type() {
        return type;
    }

    /** OpenAI's error code ({@code rate_limit_exceeded}, …); null when the answer had none. */
    public String code() {
        return code;
    }

    /** The request parameter the error is about; null when the answer named none. */
    public String param() {
        return param;
    }
}
