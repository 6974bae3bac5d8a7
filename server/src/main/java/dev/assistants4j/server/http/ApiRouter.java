package dev.assistants4j.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The path table of the API. Over HTTP it registers each route under every base path: none ({@code /assistants}, as
 * LiteLLM's proxy serves them, for clients whose base URL is the bare host), {@code /v1} (OpenAI clients),
 * {@code /openai} (Azure OpenAI clients, which also send {@code ?api-version=}) and {@code /openai/v1} (Azure's v1 base
 * URL). The routes of one resource are registered in the same order under each base path, so that a literal segment
 * ({@code /threads/runs}) registered before a parameter ({@code /threads/{thread_id}}) wins under all of them.
 *
 * <p>It also keeps the Assistants API routes ({@link #get}, {@link #post}, {@link #delete}) in order, for the
 * in-process transport ({@link InProcessApi}), which serves the same table without HTTP. Routes that only make sense
 * over HTTP (the proxy, the model list) are registered with {@link #httpGet} and {@link #httpPost}. Not thread-safe;
 * used while the server is configured.
 */
public final class ApiRouter {

    /** The base paths every API route is served under; the empty one serves the paths as they are. */
    public static final List<String> PREFIXES = List.of("", "/v1", "/openai", "/openai/v1");

    /** An Assistants API route: its method, its path as the spec writes it, and its handler. */
    record Route(String method, String path, ApiHandler handler) {}

    private final Optional<RoutesConfig> routes;
    private final List<Route> api = new ArrayList<>();

    /** Registers the routes on Javalin's. */
    public ApiRouter(RoutesConfig routes) {
        this.routes = Optional.of(routes);
    }

    private ApiRouter() {
        this.routes = Optional.empty();
    }

    /** A router that only keeps the API routes, for the in-process transport. */
    static ApiRouter inProcess() {
        return new ApiRouter();
    }

    void get(String path, ApiHandler handler) {
        add("GET", path, handler);
        httpGet(path, ctx -> handler.handle(new HttpExchange(ctx)));
    }

    void post(String path, ApiHandler handler) {
        add("POST", path, handler);
        httpPost(path, ctx -> handler.handle(new HttpExchange(ctx)));
    }

    void delete(String path, ApiHandler handler) {
        add("DELETE", path, handler);
        routes.ifPresent(http ->
                PREFIXES.forEach(prefix -> http.delete(prefix + path, ctx -> handler.handle(new HttpExchange(ctx)))));
    }

    /** A route served over HTTP only. */
    void httpGet(String path, Handler handler) {
        routes.ifPresent(http -> PREFIXES.forEach(prefix -> http.get(prefix + path, handler)));
    }

    /** A route served over HTTP only. */
    void httpPost(String path, Handler handler) {
        routes.ifPresent(http -> PREFIXES.forEach(prefix -> http.post(prefix + path, handler)));
    }

    /** The Assistants API routes, in the order they were registered. */
    List<Route> apiRoutes() {
        return List.copyOf(api);
    }

    private void add(String method, String path, ApiHandler handler) {
        api.add(new Route(method, path, handler));
    }
}
