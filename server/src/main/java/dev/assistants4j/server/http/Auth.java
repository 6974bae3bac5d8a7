package dev.assistants4j.server.http;

import dev.assistants4j.core.error.AuthenticationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Checks the API key of every request that reaches a route ({@code Authorization: Bearer KEY}, or Azure's {@code
 * api-key: KEY}) and attaches the caller's project; only routes registered with {@link Access#KEYLESS} (the health
 * checks) are open. The check runs once Javalin has matched the route, so it covers the API under every base path
 * (none, {@code /v1}, {@code /openai}, Azure's deployments) with Javalin's own path matching, and a path no route
 * serves gets its 404 or 405 with or without a key, as OpenAI answers. With no master key configured every request
 * is let through into the default project. Thread-safe.
 */
public final class Auth {

    /** The project that owns everything until keys are tied to projects. */
    public static final String DEFAULT_PROJECT = "proj_default";

    private static final String PROJECT_ATTRIBUTE = "assistants4j.project";

    private final Optional<String> masterKey;

    public Auth(Optional<String> masterKey) {
        this.masterKey = masterKey;
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
                authenticate(ctx);
            }
        });
    }

    /** The project of the authenticated caller of this request. */
    static String projectId(Context ctx) {
        String project = ctx.attribute(PROJECT_ATTRIBUTE);
        return project == null ? DEFAULT_PROJECT : project;
    }

    private void authenticate(Context ctx) {
        if (masterKey.isPresent()) {
            String key = presentedKey(ctx)
                    .orElseThrow(() -> new AuthenticationException(
                            "You didn't provide an API key. You need to provide your API key in an Authorization"
                                    + " header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                            null));
            if (!constantTimeEquals(key, masterKey.get())) {
                throw new AuthenticationException("Incorrect API key provided: " + mask(key) + ".", "invalid_api_key");
            }
        }
        ctx.attribute(PROJECT_ATTRIBUTE, DEFAULT_PROJECT);
    }

    private static Optional<String> presentedKey(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).trim();
            if (!key.isEmpty()) {
                return Optional.of(key);
            }
        }
        String azureKey = ctx.header("api-key");
        return azureKey == null || azureKey.isBlank() ? Optional.empty() : Optional.of(azureKey.trim());
    }

    private static boolean constantTimeEquals(String presented, String expected) {
        return MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** Shows only the ends of a key, as OpenAI does: {@code sk-a***wxyz}. */
    static String mask(String key) {
        if (key.length() < 10) {
            return "****";
        }
        return key.substring(0, 4) + "*".repeat(Math.min(20, key.length() - 8)) + key.substring(key.length() - 4);
    }
}
