package dev.assistants4j.server.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.assistants4j.core.error.AssistantsException;
import dev.assistants4j.core.error.AuthenticationException;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.MethodNotAllowedException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.error.PayloadTooLargeException;
import dev.assistants4j.core.error.PermissionDeniedException;
import dev.assistants4j.core.error.RateLimitException;
import dev.assistants4j.core.error.ServerException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of OpenAI's error envelope {@code {"error":{"message","type","param","code"}}}: maps our
 * exceptions, Javalin's HTTP exceptions (unknown path, wrong method, body too large) and anything unexpected (500,
 * logged with the request id, never shown to the client).
 */
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    private static final String WRITTEN = "assistants4j.error-written";

    private ErrorMapper() {}

    public static void register(RoutesConfig routes) {
        routes.exception(AssistantsException.class, (e, ctx) -> write(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromHttp(e, ctx)));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unhandled error in {} {} (request {})", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
            write(
                    ctx,
                    new ServerException(
                            "The server had an error while processing your request. Sorry about that! Quote the"
                                    + " request id " + RequestIds.of(ctx) + " when reporting it.",
                            e));
        });
        routes.error(404, ctx -> writeIfNone(ctx, unknownPath(ctx)));
        routes.error(405, ctx -> writeIfNone(ctx, wrongMethod(ctx)));
    }

    /** Writes {@code error} as the response: its status and the envelope. */
    public static void write(Context ctx, AssistantsException error) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
        ctx.status(error.status()).json(envelope(error));
    }

    /** Writes an error envelope that is already JSON (an upstream's error passed through) with its status. */
    public static void writeRaw(Context ctx, int status, byte[] envelopeJson) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
        ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(envelopeJson);
    }

    /** The envelope of an error, also used as the data of an SSE {@code error} event. */
    public static ErrorEnvelope envelope(AssistantsException error) {
        return new ErrorEnvelope(new ErrorBody(
                error.getMessage(),
                error.type(),
                error.param().orElse(null),
                error.code().orElse(null)));
    }

    private static void writeIfNone(Context ctx, AssistantsException error) {
        if (ctx.attribute(WRITTEN) == null) {
            write(ctx, error);
        }
    }

    private static AssistantsException fromHttp(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 401 -> new AuthenticationException(e.getMessage(), null);
            case 403 -> new PermissionDeniedException(e.getMessage());
            case 404 -> unknownPath(ctx);
            case 405 -> wrongMethod(ctx);
            case 413 -> new PayloadTooLargeException("The request body is too large for this server.");
            case 429 -> new RateLimitException(e.getMessage());
            default -> {
                if (e.getStatus() >= 400 && e.getStatus() < 500) {
                    yield new InvalidRequestException(e.getMessage(), null);
                }
                yield new ServerException("The server had an error while processing your request.", e);
            }
        };
    }

    private static NotFoundException unknownPath(Context ctx) {
        return new NotFoundException("Invalid URL (" + ctx.method() + " " + ctx.path() + ")");
    }

    private static MethodNotAllowedException wrongMethod(Context ctx) {
        return new MethodNotAllowedException("Invalid method for URL (" + ctx.method() + " " + ctx.path() + ")");
    }

    /** {@code {"error": …}}. */
    public record ErrorEnvelope(ErrorBody error) {}

    /** The fields the official SDKs read back. */
    @JsonPropertyOrder({"message", "type", "param", "code"})
    public record ErrorBody(String message, String type, String param, String code) {}
}
