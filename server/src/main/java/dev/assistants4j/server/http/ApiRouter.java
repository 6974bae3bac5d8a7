package dev.assistants4j.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.List;

/**
 * Registers each API route under every base path: none ({@code /assistants}, as LiteLLM's proxy serves them, for
 * clients whose base URL is the bare host), {@code /v1} (OpenAI clients), {@code /openai} (Azure OpenAI clients,
 * which also send {@code ?api-version=}) and {@code /openai/v1} (Azure's v1 base URL). The routes of one resource are
 * registered in the same order under each base path, so that a literal segment ({@code /threads/runs}) registered
 * before a parameter ({@code /threads/{thread_id}}) wins under all of them. Not thread-safe; used while the server is
 * configured.
 */
public final class ApiRouter {

    /** The base paths every API route is served under; the empty one serves the paths as they are. */
    public static final List<String> PREFIXES = List.of("", "/v1", "/openai", "/openai/v1");

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
