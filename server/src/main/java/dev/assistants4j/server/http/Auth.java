package dev.assistants4j.server.http;

import dev.assistants4j.core.error.AuthenticationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Checks the API key of every API request ({@code Authorization: Bearer KEY}, or Azure's {@code api-key: KEY}) and
 * attaches the caller's project. With no master key configured every request is let through into the default
 * project. Thread-safe.
 */
public final class Auth {

    /** The project that owns everything until keys are tied to projects. */
    public static final String DEFAULT_PROJECT = "proj_default";

    private static final String PROJECT_ATTRIBUTE = "assistants4j.project";

    private final Optional<String> masterKey;

    public Auth(Optional<String> masterKey) {
        this.masterKey = masterKey;
    }

    public void register(RoutesConfig routes) {
        ApiRouter.PREFIXES.forEach(prefix -> routes.before(prefix + "/*", this::authenticate));
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
