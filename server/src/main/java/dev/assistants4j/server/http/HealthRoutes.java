package dev.assistants4j.server.http;

import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.store.Stores;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /health/liveness} (the process answers) and {@code /health/readiness}: the store answers and takes writes (a
 * server whose disk is full is not ready, though it still serves reads), and the search index is caught up (a node on
 * PostgreSQL builds it from the database at start, see {@link ChunkIndex#notReady}). Not ready is a 503 with the
 * reason in the body. Both answer GET and HEAD, without a key. Thread-safe.
 */
public record HealthRoutes(Stores stores, ChunkIndex searchIndex) {

    public void register(RoutesConfig routes) {
        keyless(routes, "/health/liveness", ctx -> ctx.json(Map.of("status", "ok")));
        keyless(routes, "/health/readiness", this::readiness);
    }

    private void readiness(Context ctx) {
        Optional<String> reason = notReady();
        if (reason.isEmpty()) {
            ctx.json(Map.of("status", "ok"));
        } else {
            ctx.status(503).json(Map.of("status", "unavailable", "reason", reason.get()));
        }
    }

    /** The first reason this server is not ready, in the order a probe would want to know. */
    private Optional<String> notReady() {
        if (!stores.healthy()) {
            return Optional.of("the database does not answer");
        }
        if (!stores.writable()) {
            return Optional.of("the database does not take writes");
        }
        return searchIndex.notReady();
    }

    /** GET, and HEAD (some probes use it; a HEAD answered from a GET route would need the key). */
    private static void keyless(RoutesConfig routes, String path, Handler handler) {
        routes.get(path, handler, Auth.Access.KEYLESS);
        routes.head(path, handler, Auth.Access.KEYLESS);
    }
}
