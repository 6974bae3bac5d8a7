package dev.assistants4j.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.List;

/**
 * Registers each API route under every base path: {@code /v1} (OpenAI clients) and {@code /openai} (Azure OpenAI
 * clients, which also send {@code ?api-version=}).
 */
public final class ApiRouter {

    /** The base paths every API route is served under. */
    public static final List<String> PREFIXES = List.of("/v1", "/openai");

    private final RoutesConfig routes;

    public ApiRouter(RoutesConfig routes) {
        this.routes = routes;
    }

    void get(String path, Handler handler) {
        PREFIXES.forEach(prefix -> routes.get(prefix + path, handler));
    }

    void post(String path, Handler handler) {
        PREFIXES.forEach(prefix -> routes.post(prefix + path, handler));
    }

    void delete(String path, Handler handler) {
        PREFIXES.forEach(prefix -> routes.delete(prefix + path, handler));
    }
}
