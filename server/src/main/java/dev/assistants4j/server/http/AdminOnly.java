package dev.assistants4j.server.http;

import dev.assistants4j.core.error.AuthenticationException;
import io.javalin.http.Context;

/** The master-key check of the admin API, refusing other keys as LiteLLM does (401, OpenAI's error shape). */
final class AdminOnly {

    private AdminOnly() {}

    /** Refuses the request unless its caller is the master key. */
    static void check(Context ctx) {
        if (!Auth.caller(ctx).admin()) {
            throw new AuthenticationException(
                    "Authentication Error, Only proxy admin can be used to generate, delete, update info for new"
                            + " keys/users/teams. Route=" + ctx.path() + ". Your role=unknown. Your user_id=unknown",
                    "admin_only");
        }
    }
}
