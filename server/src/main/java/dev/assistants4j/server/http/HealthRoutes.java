package dev.assistants4j.server.http;

import dev.assistants4j.core.store.Stores;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * {@code /health/liveness} (the process answers) and {@code /health/readiness} (the store answers and takes writes: a
 * server whose disk is full is not ready, though it still serves reads). Both answer GET and HEAD, without a key.
 */
public final class HealthRoutes {

    private final Stores stores;

    public HealthRoutes(Stores stores) {
        this.stores = stores;
    }

    public void register(RoutesConfig routes) {
        keyless(routes, "/health/liveness", ctx -> ctx.json(Map.of("status", "ok")));
        keyless(routes, "/health/readiness", this::readiness);
    }

    private void readiness(Context ctx) {
        boolean ready = stores.healthy() && stores.writable();
        ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ok" : "unavailable"));
    }

    /** GET, and HEAD (some probes use it; a HEAD answered from a GET route would need the key). */
    private static void keyless(RoutesConfig routes, String path, Handler handler) {
        routes.get(path, handler, Auth.Access.KEYLESS);
        routes.head(path, handler, Auth.Access.KEYLESS);
    }
}
