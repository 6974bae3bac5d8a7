package dev.assistants4j.server;

import dev.assistants4j.core.Json;
import dev.assistants4j.core.access.Callers;
import dev.assistants4j.core.access.LimitedModelGate;
import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.server.http.AcceptQueue;
import dev.assistants4j.server.http.ApiRouter;
import dev.assistants4j.server.http.Auth;
import dev.assistants4j.server.http.AzureDeploymentsRoutes;
import dev.assistants4j.server.http.ChatCompletionsRoutes;
import dev.assistants4j.server.http.Cors;
import dev.assistants4j.server.http.EmbeddingsRoutes;
import dev.assistants4j.server.http.ErrorMapper;
import dev.assistants4j.server.http.HealthRoutes;
import dev.assistants4j.server.http.JettyErrorHandler;
import dev.assistants4j.server.http.KeysRoutes;
import dev.assistants4j.server.http.ModelInfoRoutes;
import dev.assistants4j.server.http.ModelsRoutes;
import dev.assistants4j.server.http.PathEscapes;
import dev.assistants4j.server.http.RequestIds;
import dev.assistants4j.server.http.SpendRoutes;
import dev.assistants4j.server.http.TeamsRoutes;
import dev.assistants4j.server.routing.UpstreamProxy;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a server: Javalin's settings, the filters every request passes, and the routes.
 *
 * @param callers who each API key stands for
 * @param admin what the admin API ({@code /key/*}, {@code /team/*}) calls
 * @param searchIndex the index file_search answers from, whose readiness {@code /health/readiness} reports
 * @param maxUploadBytes uploaded files larger than this are refused (413)
 * @param gate what model calls pass (limits of keys and teams) and the spend log {@code /spend/logs} shows
 */
record HttpApi(
        ServerOptions options,
        ServerConfig config,
        Stores stores,
        Services services,
        Callers callers,
        AdminServices admin,
        ChunkIndex searchIndex,
        Clock clock,
        long maxUploadBytes,
        LimitedModelGate gate) {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /** A Javalin app, not started, serving the services. */
    Javalin create() {
        return Javalin.create(javalin -> {
            configure(javalin);
            routes(javalin);
        });
    }

    private void configure(JavalinConfig javalin) {
        javalin.startup.showJavalinBanner = false;
        javalin.startup.showOldJavalinVersionWarning = false;
        javalin.concurrency.useVirtualThreads = true;
        javalin.http.maxRequestSize = options.maxRequestBytes();
        javalin.http.prefer405over404 = true;
        javalin.router.ignoreTrailingSlashes = true;
        javalin.http.compressionStrategy = CompressionStrategy.NONE;
        javalin.jsonMapper(new JavalinJackson(Json.WIRE, true));
        javalin.requestLogger.http((ctx, ms) ->
                LOG.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms)));
    }

    private void routes(JavalinConfig javalin) {
        Cors cors = new Cors(config.allowedOrigins());
        // What Jetty refuses before Javalin sees it gets OpenAI's JSON error too, not Jetty's HTML page.
        javalin.jetty.modifyServer(server -> JettyErrorHandler.install(server, cors));
        javalin.jetty.modifyServer(AcceptQueue::install);
        javalin.jetty.modifyServletContextHandler(context -> JettyErrorHandler.install(context, cors));
        ApiRouter router = new ApiRouter(javalin.routes);
        RequestIds.register(javalin.routes);
        cors.register(javalin.routes); // before anything that may refuse a request, so that its page can read why
        PathEscapes.register(javalin.routes);
        new Auth(callers, config.masterKey().isPresent()).register(javalin.routes);
        ErrorMapper.register(javalin.routes);
        new HealthRoutes(stores, searchIndex).register(javalin.routes);
        services.api(options.dataDir(), maxUploadBytes).register(router);
        UpstreamProxy upstreams = new UpstreamProxy(config, clock);
        javalin.events.serverStopped(upstreams::close);
        new ModelsRoutes(config, clock.instant().getEpochSecond(), upstreams).register(router);
        new ModelInfoRoutes(config).register(router);
        new ChatCompletionsRoutes(upstreams, gate).register(router);
        new EmbeddingsRoutes(upstreams, gate).register(router);
        new AzureDeploymentsRoutes(upstreams, gate).register(javalin.routes);
        new SpendRoutes(gate, callers).register(router);
        new KeysRoutes(admin.keys(), gate).register(javalin.routes);
        new TeamsRoutes(admin.teams(), gate).register(javalin.routes);
    }
}
