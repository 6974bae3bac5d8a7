package dev.assistants4j.server.http;

import dev.assistants4j.core.error.PermissionDeniedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lets browser apps call the server (CORS), as LiteLLM's proxy does, for every path. A preflight ({@code OPTIONS}
 * with {@code Origin} and {@code Access-Control-Request-Method}) from an allowed origin is answered 204 before auth,
 * so it needs no key; from another origin it is refused with 403 in OpenAI's error shape and no CORS headers. Every
 * other response to an allowed origin carries {@code Access-Control-Allow-Origin} (the origin itself, also when
 * every origin is allowed) and {@code Access-Control-Expose-Headers}; a disallowed origin's requests are served
 * without them, so its page cannot read the answer. Credentials (cookies) are never allowed: keys travel in headers.
 * Jetty's own refusals get the same headers through {@link JettyErrorHandler}. Immutable and thread-safe.
 */
public final class Cors {

    /** How long a browser may reuse a preflight's answer, in seconds (LiteLLM's, via Starlette: 10 minutes). */
    static final String MAX_AGE_SECONDS = "600";

    static final String ALLOWED_METHODS = "GET, POST, DELETE, OPTIONS, PUT, PATCH";

    /** Request headers the official SDKs send (the openai npm package's x-stainless-* in browsers too). */
    static final List<String> ALLOWED_HEADERS = List.of(
            "authorization",
            "api-key",
            "content-type",
            "openai-beta",
            "openai-organization",
            "openai-project",
            "idempotency-key",
            "x-stainless-arch",
            "x-stainless-lang",
            "x-stainless-os",
            "x-stainless-package-version",
            "x-stainless-runtime",
            "x-stainless-runtime-version",
            "x-stainless-retry-count",
            "x-stainless-timeout",
            "x-stainless-helper-method",
            "x-stainless-poll-helper",
            "x-stainless-custom-poll-interval");

    /** Response headers a client may read: ours, and the upstream's that the chat and embeddings proxy relays. */
    static final String EXPOSED_HEADERS = String.join(
            ", ",
            "x-request-id",
            "openai-poll-after-ms",
            "openai-version",
            "openai-processing-ms",
            "openai-organization",
            "openai-project",
            "retry-after",
            "retry-after-ms",
            "x-should-retry",
            "x-ratelimit-limit-requests",
            "x-ratelimit-limit-tokens",
            "x-ratelimit-remaining-requests",
            "x-ratelimit-remaining-tokens",
            "x-ratelimit-reset-requests",
            "x-ratelimit-reset-tokens",
            "content-disposition");

    private final boolean anyOrigin;
    private final Set<String> origins;

    /**
     * @param allowedOrigins exact origins (lower case, as browsers send them), {@code scheme://host:*} for every port of
     *     a host, or {@code *} for every origin
     */
    public Cors(List<String> allowedOrigins) {
        this.anyOrigin = allowedOrigins.contains("*");
        this.origins = Set.copyOf(allowedOrigins);
    }

    /** Registers the handler before every other one that may refuse a request (auth, path checks). */
    public void register(RoutesConfig routes) {
        routes.before(this::handle);
    }

    /** The CORS headers of a response (not a preflight's) to a request with this {@code Origin}, or none. */
    Map<String, String> responseHeaders(String origin) {
        if (origin == null || !allows(origin)) {
            return Map.of("Vary", "Origin");
        }
        return Map.of(
                "Vary",
                "Origin",
                "Access-Control-Allow-Origin",
                origin,
                "Access-Control-Expose-Headers",
                EXPOSED_HEADERS);
    }

    private void handle(Context ctx) {
        String origin = ctx.header("Origin");
        if (isPreflight(ctx, origin)) {
            preflight(ctx, origin);
        } else {
            responseHeaders(origin).forEach(ctx::header);
        }
    }

    private static boolean isPreflight(Context ctx, String origin) {
        return ctx.method() == HandlerType.OPTIONS
                && origin != null
                && ctx.header("Access-Control-Request-Method") != null;
    }

    private void preflight(Context ctx, String origin) {
        ctx.header("Vary", "Origin");
        if (!allows(origin)) {
            throw new PermissionDeniedException("The origin " + origin + " is not allowed to call this server: add it"
                    + " to general_settings.allowed_origins in the server's config.");
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
        ctx.header("Access-Control-Allow-Headers", allowedHeaders(ctx.header("Access-Control-Request-Headers")));
        ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
        ctx.status(204);
        ctx.skipRemainingHandlers(); // no auth, no route: the actual request is checked when it comes
    }

    /** The headers every SDK sends, and whatever else this preflight asks for (as Starlette's {@code "*"}). */
    private static String allowedHeaders(String requested) {
        Set<String> headers = new LinkedHashSet<>(ALLOWED_HEADERS);
        if (requested != null) {
            for (String name : requested.split(",")) {
                if (!name.isBlank()) {
                    headers.add(name.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return String.join(", ", headers);
    }

    private boolean allows(String origin) {
        String lower = origin.toLowerCase(Locale.ROOT);
        return anyOrigin || origins.contains(lower) || origins.contains(withAnyPort(lower));
    }

    /** {@code http://localhost:5173} as {@code http://localhost:*}; an origin without a port as it is. */
    private static String withAnyPort(String origin) {
        int colon = origin.lastIndexOf(':');
        boolean port = colon > origin.indexOf("://") + 2 && origin.indexOf(']', colon) < 0;
        return port ? origin.substring(0, colon) + ":*" : origin;
    }
}
