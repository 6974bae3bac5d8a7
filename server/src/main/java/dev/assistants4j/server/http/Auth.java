package dev.assistants4j.server.http;

import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.access.Callers;
import dev.assistants4j.core.error.AuthenticationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks the API key of every request that reaches a route and attaches its {@link Caller}; only routes registered
 * with {@link Access#KEYLESS} (the health checks) are open. A key is read where LiteLLM reads one: {@code
 * Authorization: Bearer KEY}, Azure's {@code api-key: KEY} or Anthropic's {@code x-api-key: KEY}. The check runs once
 * Javalin has matched the route, so it covers the API under every base path (none, {@code /v1}, {@code /openai},
 * Azure's deployments) with Javalin's own path matching, and a path no route serves gets its 404 or 405 with or
 * without a key, as OpenAI answers. Thread-safe.
 */
public final class Auth {

    private static final String CALLER_ATTRIBUTE = "assistants4j.caller";

    private final Callers callers;
    private final boolean keyRequired;

    /**
     * @param keyRequired false on a server without a master key: a request without a key is let in as the master key
     */
    public Auth(Callers callers, boolean keyRequired) {
        this.callers = callers;
        this.keyRequired = keyRequired;
    }

    /** Who may call a route. */
    public enum Access implements RouteRole {
        /** Anyone, without a key: the health checks. */
        KEYLESS
    }

    /** Registers the check; it runs after every before-handler (so a refusal carries its request id). */
    public void register(RoutesConfig routes) {
        routes.beforeMatched(ctx -> {
            // A HEAD request answered from a GET route has no roles here: it needs the key too.
            if (!ctx.routeRoles().contains(Access.KEYLESS)) {
                ctx.attribute(CALLER_ATTRIBUTE, authenticate(ctx));
            }
        });
    }

    /** The authenticated caller of this request. */
    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER_ATTRIBUTE);
        return caller == null ? Caller.master(Caller.DEFAULT_PROJECT) : caller;
    }

    /** The project of the authenticated caller of this request. */
    static String projectId(Context ctx) {
        return caller(ctx).projectId();
    }

    private Caller authenticate(Context ctx) {
        Optional<String> key = presentedKey(ctx);
        if (key.isPresent()) {
            return callers.authenticate(key.get(), Optional.ofNullable(ctx.header("OpenAI-Project")));
        }
        if (keyRequired) {
            throw new AuthenticationException(
                    "You didn't provide an API key. You need to provide your API key in an Authorization"
                            + " header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    null);
        }
        return Caller.master(Caller.DEFAULT_PROJECT);
    }

    private static Optional<String> presentedKey(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).trim();
            if (!key.isEmpty()) {
                return Optional.of(key);
            }
        }
        return Stream.of(ctx.header("api-key"), ctx.header("x-api-key"))
                .filter(header -> header != null && !header.isBlank())
                .map(String::trim)
                .findFirst();
    }
}
