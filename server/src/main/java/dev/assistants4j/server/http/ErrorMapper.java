package dev.assistants4j.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.error.AssistantsException;
import dev.assistants4j.core.error.AuthenticationException;
import dev.assistants4j.core.error.ErrorEnvelope;
import dev.assistants4j.core.error.HttpProtocolException;
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
import java.io.UncheckedIOException;
import java.util.Optional;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of OpenAI's error envelope {@code {"error":{"message","type","param","code"}}}: maps our
 * exceptions, Javalin's HTTP exceptions (unknown path, wrong method, body too large), Jetty's refusals (a request body
 * that breaks HTTP, a client gone mid-body; and, through {@link JettyErrorHandler}, what Jetty refuses before Javalin
 * sees the request) and anything unexpected (500, logged with the request id, never shown to the client).
 */
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    private static final String WRITTEN = "assistants4j.error-written";

    private ErrorMapper() {}

    public static void register(RoutesConfig routes) {
        routes.exception(AssistantsException.class, (e, ctx) -> write(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromHttp(e, ctx)));
        routes.exception(Exception.class, (e, ctx) -> {
            Optional<AssistantsException> refused = refusedByJetty(e);
            if (refused.isPresent()) {
                LOG.debug(
                        "{} {} refused by Jetty (request {}): {}",
                        ctx.method(),
                        ctx.path(),
                        RequestIds.of(ctx),
                        e.toString());
                write(ctx, refused.get());
                return;
            }
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
        error.headers().forEach(ctx::header);
        ctx.status(error.status()).json(envelope(error));
    }

    /** Writes an error envelope that is already JSON (an upstream's error passed through) with its status. */
    public static void writeRaw(Context ctx, int status, byte[] envelopeJson) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
        ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(envelopeJson);
    }

    /** The envelope of an error as JSON bytes. */
    static byte[] json(AssistantsException error) {
        try {
            return Json.WIRE.writeValueAsBytes(envelope(error));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The error for a status that the HTTP layer answered by itself (Jetty's parser and URI checks, a failure outside
     * Javalin's handlers), {@code reason} being that layer's short reason, if any.
     */
    static AssistantsException forStatus(int status, String reason) {
        String detail =
                reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status)) ? "" : ": " + reason;
        return switch (status) {
            case 400 -> new InvalidRequestException("Invalid HTTP request" + detail + ".", null);
            case 413 -> new PayloadTooLargeException("The request body is too large for this server.");
            case 414 -> new HttpProtocolException(414, "The request URI is too long.");
            case 431 -> new HttpProtocolException(431, "The request headers are too large.");
            case 500 -> new ServerException("The server had an error while processing your request.", null);
            default -> {
                if (status < 400 || status > 599) {
                    yield new ServerException("The server had an error while processing your request.", null);
                }
                yield new HttpProtocolException(
                        status, "HTTP " + status + " " + HttpStatus.getMessage(status) + detail + ".");
            }
        };
    }

    /**
     * The refusal of a request that Jetty failed while a handler read it: a body that breaks HTTP (a bad chunk) with
     * Jetty's status, or a connection that ended early because the client went away (400, which it will not read).
     */
    private static Optional<AssistantsException> refusedByJetty(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return Optional.of(forStatus(http.getCode(), http.getReason()));
            }
            if (cause instanceof EofException) {
                return Optional.of(
                        new InvalidRequestException("The connection ended before the request was complete.", null));
            }
        }
        return Optional.empty();
    }

    /** The envelope of an error, also used as the data of an SSE {@code error} event. */
    public static ErrorEnvelope envelope(AssistantsException error) {
        return ErrorEnvelope.of(error);
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
        return unknownPath(ctx.method().name(), ctx.path());
    }

    private static MethodNotAllowedException wrongMethod(Context ctx) {
        return wrongMethod(ctx.method().name(), ctx.path());
    }

    /** The refusal of a path no route serves. */
    static NotFoundException unknownPath(String method, String path) {
        return new NotFoundException("Invalid URL (" + method + " " + path + ")");
    }

    /** The refusal of a method the path's routes do not take. */
    static MethodNotAllowedException wrongMethod(String method, String path) {
        return new MethodNotAllowedException("Invalid method for URL (" + method + " " + path + ")");
    }
}
