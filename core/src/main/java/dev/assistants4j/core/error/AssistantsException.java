package dev.assistants4j.core.error;

import java.util.Optional;

/**
 * Root of every error the API reports to clients. Each subtype fixes the HTTP status and the OpenAI error
 * {@code type}; {@link ErrorEnvelope#of} turns one into the wire envelope
 * {@code {"error":{"message","type","param","code"}}}. Messages are written to be safe to show to the caller.
 */
public abstract sealed class AssistantsException extends RuntimeException
        permits InvalidRequestException,
                NotFoundException,
                AuthenticationException,
                PermissionDeniedException,
                ConflictException,
                PayloadTooLargeException,
                MethodNotAllowedException,
                HttpProtocolException,
                RateLimitException,
                LimitExceededException,
                ServerException,
                ServiceUnavailableException {

    /** The OpenAI error type of a client's mistake. */
    static final String INVALID_REQUEST = "invalid_request_error";

    /** The OpenAI error type of a failure on our side. */
    static final String SERVER_ERROR = "server_error";

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    AssistantsException(int status, String type, String message, String param, String code, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** HTTP status code sent with this error. */
    public int status() {
        return status;
    }

    /** OpenAI error type, for example {@code invalid_request_error}. */
    public String type() {
        return type;
    }

    /** The request field the error is about, if any. */
    public Optional<String> param() {
        return Optional.ofNullable(param);
    }

    /** A machine-readable code, if any, for example {@code invalid_api_key}. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** HTTP headers sent with this error, names lower-cased (a rate limit's {@code retry-after}); none by default. */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }
}
