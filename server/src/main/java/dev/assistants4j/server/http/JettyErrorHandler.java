package dev.assistants4j.server.http;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.error.AssistantsException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests Jetty refuses itself, before or around Javalin, with {@link ErrorMapper}'s JSON envelope and
 * status instead of Jetty's HTML page (or, for methods other than GET, POST and HEAD, an empty body): a request line
 * or header that cannot be parsed, a path that is ambiguous or not valid percent-encoded UTF-8, a URI or headers too
 * long, an unsupported HTTP version, a failure outside Javalin's handlers. Install it on the server and on the servlet
 * context ({@link #install}); a browser's request from an allowed origin gets {@link Cors}'s headers here too, so its
 * page can read the error. Thread-safe.
 */
public final class JettyErrorHandler implements Request.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(JettyErrorHandler.class);
    /** Where the servlet API puts the message of {@code sendError}. */
    private static final String SERVLET_ERROR_MESSAGE = "jakarta.servlet.error.message";

    private final Cors cors;

    private JettyErrorHandler(Cors cors) {
        this.cors = cors;
    }

    /** Makes this the error handler of {@code server}. */
    public static void install(Server server, Cors cors) {
        server.setErrorHandler(new JettyErrorHandler(cors));
    }

    /** Makes this the error handler of a context (the servlet context Javalin runs in has its own by default). */
    public static void install(ContextHandler context, Cors cors) {
        context.setErrorHandler(new JettyErrorHandler(cors));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = reason(request);
        if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException http) {
            status = http.getCode();
            response.setStatus(status);
            reason = reason == null ? http.getReason() : reason;
        }
        String requestId = Ids.next(Ids.REQUEST);
        LOG.debug(
                "{} {} refused by Jetty with {} {} (request {})",
                request.getMethod(),
                request.getHttpURI(),
                status,
                reason,
                requestId);
        response.getHeaders().put("x-request-id", requestId);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        cors.responseHeaders(request.getHeaders().get(HttpHeader.ORIGIN)).forEach(response.getHeaders()::put);
        if (HttpStatus.hasNoBody(status) || HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        AssistantsException error = ErrorMapper.forStatus(status, reason);
        response.setStatus(error.status());
        byte[] body = ErrorMapper.json(error);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String reason(Request request) {
        if (request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String message) {
            return message;
        }
        return request.getAttribute(SERVLET_ERROR_MESSAGE) instanceof String message ? message : null;
    }
}
