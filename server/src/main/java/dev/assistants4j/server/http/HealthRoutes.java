package dev.assistants4j.server.http;

import dev.assistants4j.core.store.Stores;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/**
 * {@code /health/liveness} (the process answers) and {@code /health/readiness} (the store answers and takes writes: a
 * server whose disk is full is not ready, though it still serves reads). Both answer without a key.
 */
public final class HealthRoutes {

    private final Stores stores;

    public HealthRoutes(Stores stores) {
        this.stores = stores;
    }

    public void register(RoutesConfig routes) {
        routes.get("/health/liveness", ctx -> ctx.json(Map.of("status", "ok")), Auth.Access.KEYLESS);
        routes.get(
                "/health/readiness",
                ctx -> {
                    boolean ready = stores.healthy() && stores.writable();
                    ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ok" : "unavailable"));
                },
                Auth.Access.KEYLESS);
    }
}
