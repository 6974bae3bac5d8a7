package dev.assistants4j.server.http;

import dev.assistants4j.core.Ids;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Gives every response an {@code x-request-id} header, also used to correlate logs. */
public final class RequestIds {

    private static final String ATTRIBUTE = "assistants4j.request-id";

    private RequestIds() {}

    public static void register(RoutesConfig routes) {
        routes.before(ctx -> {
            String id = Ids.next(Ids.REQUEST);
            ctx.attribute(ATTRIBUTE, id);
            ctx.header("x-request-id", id);
        });
    }

    /** This request's id. */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "unknown" : id;
    }
}
