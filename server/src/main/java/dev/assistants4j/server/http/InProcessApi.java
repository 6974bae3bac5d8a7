package dev.assistants4j.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.client.ApiConnectionException;
import dev.assistants4j.client.ApiException;
import dev.assistants4j.client.ApiRequest;
import dev.assistants4j.client.EventStream;
import dev.assistants4j.client.Transport;
import dev.assistants4j.core.Ids;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.error.AssistantsException;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.ServerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Assistants API inside the JVM: the same path table as the HTTP server ({@link AssistantsApi}), matched without
 * HTTP, with the same request parsing, services, wire shapes and errors, so that a client sees what it would see over
 * HTTP. Every call acts as one caller (by default the master key in the default project). A path's parameters are
 * decoded as Javalin decodes them; the first route in registration order that matches wins, as in Javalin. Thread-safe.
 */
public final class InProcessApi implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessApi.class);

    /** The base path the server's errors name paths under, as a client of {@code /v1} sees them. */
    private static final String SHOWN_BASE = "/v1";

    private final List<MatchedRoute> routes;

    /** A route with its path split into segments once, not at every call. */
    private record MatchedRoute(ApiRouter.Route route, List<String> pattern) {}

    private final Caller caller;
    private final Runnable onClose;
    private final BooleanSupplier engineStopped;
    private final AtomicBoolean closed = new AtomicBoolean();

    private InProcessApi(List<ApiRouter.Route> routes, Caller caller, Runnable onClose, BooleanSupplier engineStopped) {
        this.routes = routes.stream()
                .map(route -> new MatchedRoute(route, segments(route.path())))
                .toList();
        this.caller = caller;
        this.onClose = onClose;
        this.engineStopped = engineStopped;
    }

    /**
     * Serves {@code api} as {@code caller}; closing runs {@code onClose} (the embedded engine's shutdown). Once
     * {@code engineStopped} says so (the engine was closed, through this transport or another way), calls are refused.
     */
    public static InProcessApi of(AssistantsApi api, Caller caller, Runnable onClose, BooleanSupplier engineStopped) {
        ApiRouter router = ApiRouter.inProcess();
        api.register(router);
        return new InProcessApi(router.apiRoutes(), caller, onClose, engineStopped);
    }

    @Override
    public JsonNode send(ApiRequest request) {
        return switch (call(request)) {
            case InProcessExchange.Answer.Value value -> Json.WIRE.valueToTree(value.value());
            case InProcessExchange.Answer answer -> throw misused(request, answer);
        };
    }

    @Override
    public EventStream stream(ApiRequest request) {
        return switch (call(request)) {
            case InProcessExchange.Answer.Events events ->
                new InProcessEventStream(events.events(), events.fileSearchContent(), this::closed);
            case InProcessExchange.Answer answer -> throw misused(request, answer);
        };
    }

    @Override
    public byte[] download(ApiRequest request) {
        return switch (call(request)) {
            case InProcessExchange.Answer.File file -> {
                try (InputStream content = file.content().stream()) {
                    yield content.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case InProcessExchange.Answer answer -> throw misused(request, answer);
        };
    }

    /**
     * Stops the engine, once; a call after this throws {@link IllegalStateException}, and a stream still read ends with
     * an {@link ApiConnectionException}, as over HTTP.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }

    private boolean closed() {
        return closed.get() || engineStopped.getAsBoolean();
    }

    private InProcessExchange.Answer call(ApiRequest request) {
        if (closed()) {
            throw new IllegalStateException("The transport is closed.");
        }
        try {
            InProcessExchange exchange = route(request);
            return exchange.answer().orElseThrow(() -> new IllegalStateException("The route answered nothing"));
        } catch (AssistantsException e) {
            throw toClient(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("Interrupted while calling " + request.path(), e, false);
        } catch (Exception e) {
            String id = Ids.next(Ids.REQUEST);
            LOG.error("Unhandled error in {} {} (in-process request {})", request.method(), request.path(), id, e);
            throw toClient(new ServerException(
                    "The server had an error while processing your request. Sorry about that! Quote the request id "
                            + id + " when reporting it.",
                    e));
        }
    }

    /** Finds the route and runs its handler; a path no route serves is refused as the server refuses it. */
    private InProcessExchange route(ApiRequest request) throws Exception {
        List<String> segments = segments(request.path());
        boolean pathKnown = false;
        for (MatchedRoute matched : routes) {
            ApiRouter.Route route = matched.route();
            Optional<Map<String, String>> params = match(matched.pattern(), segments);
            if (params.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(request.method().name())) {
                InProcessExchange exchange = new InProcessExchange(request, params.get(), caller);
                route.handler().handle(exchange);
                return exchange;
            }
        }
        String shown = SHOWN_BASE + request.path();
        throw pathKnown
                ? ErrorMapper.wrongMethod(request.method().name(), shown)
                : ErrorMapper.unknownPath(request.method().name(), shown);
    }

    private static Optional<Map<String, String>> match(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                params.put(expected.substring(1, expected.length() - 1), decode(path.get(i)));
            } else if (!expected.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** The path's segments; empty segments (a trailing slash) are ignored, as the server ignores them. */
    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/"))
                .filter(segment -> !segment.isEmpty())
                .toList();
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Invalid URL: the path has a malformed %-escape.", null);
        }
    }

    private static ApiException toClient(AssistantsException e) {
        return ApiException.of(e.status(), Json.WIRE.valueToTree(ErrorMapper.envelope(e)));
    }

    private static IllegalArgumentException misused(ApiRequest request, InProcessExchange.Answer answer) {
        return new IllegalArgumentException(request.method() + " " + request.path() + " answered with "
                + answer.getClass().getSimpleName().toLowerCase(Locale.ROOT)
                + (answer instanceof InProcessExchange.Answer.Events
                        ? ": a streamed call (\"stream\": true) is read with stream()"
                        : ""));
    }
}
