package dev.assistants4j.server.http;

import dev.assistants4j.core.error.InvalidRequestException;
import io.javalin.config.RoutesConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Refuses (400) a request whose path has a percent-escape that Jetty lets through but that is no escape, such as
 * {@code %u0041}: Javalin decodes path parameters with {@link URLDecoder}, which would fail with a 500.
 */
public final class PathEscapes {

    private PathEscapes() {}

    public static void register(RoutesConfig routes) {
        routes.before(ctx -> {
            try {
                URLDecoder.decode(ctx.req().getRequestURI(), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(
                        "Invalid URL (" + ctx.method() + " " + ctx.path() + "): the path has a malformed %-escape.",
                        null);
            }
        });
    }
}
