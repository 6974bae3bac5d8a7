package dev.assistants4j.server;

import dev.assistants4j.core.Json;
import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.code.SessionKey;
import dev.assistants4j.core.engine.EngineSettings;
import dev.assistants4j.core.engine.ModelRouter;
import dev.assistants4j.core.engine.RunService;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.core.service.AssistantService;
import dev.assistants4j.core.service.FileReferences;
import dev.assistants4j.core.service.FileService;
import dev.assistants4j.core.service.ImageFiles;
import dev.assistants4j.core.service.MessageService;
import dev.assistants4j.core.service.ModelCatalog;
import dev.assistants4j.core.service.ThreadService;
import dev.assistants4j.core.service.VectorStoreServices;
import dev.assistants4j.core.store.BlobStore;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.server.http.ApiRouter;
import dev.assistants4j.server.http.AssistantsRoutes;
import dev.assistants4j.server.http.Auth;
import dev.assistants4j.server.http.AzureDeploymentsRoutes;
import dev.assistants4j.server.http.ChatCompletionsRoutes;
import dev.assistants4j.server.http.Cors;
import dev.assistants4j.server.http.EmbeddingsRoutes;
import dev.assistants4j.server.http.ErrorMapper;
import dev.assistants4j.server.http.FilesRoutes;
import dev.assistants4j.server.http.HealthRoutes;
import dev.assistants4j.server.http.JettyErrorHandler;
import dev.assistants4j.server.http.MessagesRoutes;
import dev.assistants4j.server.http.ModelsRoutes;
import dev.assistants4j.server.http.PathEscapes;
import dev.assistants4j.server.http.RequestIds;
import dev.assistants4j.server.http.RunsRoutes;
import dev.assistants4j.server.http.ThreadsRoutes;
import dev.assistants4j.server.http.VectorStoresRoutes;
import dev.assistants4j.server.routing.ProviderRouter;
import dev.assistants4j.server.routing.UpstreamProxy;
import dev.assistants4j.store.JdbcStores;
import dev.assistants4j.store.LocalBlobStore;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running server: stores, services and HTTP routes wired together. Closing stops HTTP, then the store. */
public final class AssistantsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssistantsServer.class);

    private final Stores stores;
    private final RunService runs;
    private final VectorStoreServices vectorStores;
    private final Retrieval retrieval;
    private final AutoCloseable codeInterpreter;
    private final Javalin app;
    private final String host;
    private final FileHousekeeping housekeeping;

    private AssistantsServer(
            Stores stores,
            RunService runs,
            VectorStoreServices vectorStores,
            Retrieval retrieval,
            AutoCloseable codeInterpreter,
            Javalin app,
            String host,
            FileHousekeeping housekeeping) {
        this.housekeeping = housekeeping;
        this.stores = stores;
        this.runs = runs;
        this.vectorStores = vectorStores;
        this.retrieval = retrieval;
        this.codeInterpreter = codeInterpreter;
        this.app = app;
        this.host = host;
    }

    /** Opens the embedded store in {@code options.dataDir()} and starts listening. */
    public static AssistantsServer start(ServerOptions options, ServerConfig config) {
        return start(options, config, EngineSettings.DEFAULTS);
    }

    /** As {@link #start(ServerOptions, ServerConfig)}, with run-engine timings (tests shorten them). */
    public static AssistantsServer start(ServerOptions options, ServerConfig config, EngineSettings engine) {
        return start(options, config, engine, FilesRoutes.DEFAULT_MAX_UPLOAD_BYTES);
    }

    /**
     * As {@link #start(ServerOptions, ServerConfig, EngineSettings)}, refusing uploaded files larger than {@code
     * maxUploadBytes} (OpenAI's 512 MB by default; tests lower it).
     */
    public static AssistantsServer start(
            ServerOptions options, ServerConfig config, EngineSettings engine, long maxUploadBytes) {
        return start(options, config, engine, maxUploadBytes, DefaultRetrieval.open(options.dataDir(), config));
    }

    /**
     * As {@link #start(ServerOptions, ServerConfig, EngineSettings, long)}, with the retrieval components vector
     * stores are built on; runs' file_search calls search those vector stores. The server closes {@code
     * retrieval.index()} and the embedder when it stops. The other overloads use {@link DefaultRetrieval}.
     */
    public static AssistantsServer start(
            ServerOptions options,
            ServerConfig config,
            EngineSettings engine,
            long maxUploadBytes,
            Retrieval retrieval) {
        CodeInterpreters code = codeInterpreters(options, config);
        return start(options, config, engine, maxUploadBytes, retrieval, Optional.empty(), code, code);
    }

    /**
     * As {@link #start(ServerOptions, ServerConfig, EngineSettings, long)}, with the search that runs' file_search
     * calls use instead of the vector stores ({@link FileSearch#NONE} finds nothing); for tests of the run engine.
     */
    public static AssistantsServer start(
            ServerOptions options,
            ServerConfig config,
            EngineSettings engine,
            long maxUploadBytes,
            FileSearch fileSearch) {
        CodeInterpreters code = codeInterpreters(options, config);
        return start(
                options,
                config,
                engine,
                maxUploadBytes,
                DefaultRetrieval.open(options.dataDir(), config),
                Optional.of(fileSearch),
                code,
                code);
    }

    /**
     * As {@link #start(ServerOptions, ServerConfig, EngineSettings, long, FileSearch)}, with the code interpreter that
     * runs' code_interpreter calls use instead of the one the config describes (the caller closes it); for tests.
     */
    public static AssistantsServer start(
            ServerOptions options,
            ServerConfig config,
            EngineSettings engine,
            long maxUploadBytes,
            FileSearch fileSearch,
            CodeInterpreterSource codeInterpreter) {
        return start(
                options,
                config,
                engine,
                maxUploadBytes,
                DefaultRetrieval.open(options.dataDir(), config),
                Optional.of(fileSearch),
                codeInterpreter,
                () -> {});
    }

    /**
     * The config's code interpreter, created on first use, its session directories in the data dir; a host that lacks
     * what it needs is reported now.
     */
    private static CodeInterpreters codeInterpreters(ServerOptions options, ServerConfig config) {
        CodeInterpreters code =
                new CodeInterpreters(config.codeInterpreter(), options.dataDir().resolve("sandbox"));
        code.checkPrerequisites();
        return code;
    }

    private static AssistantsServer start(
            ServerOptions options,
            ServerConfig config,
            EngineSettings engine,
            long maxUploadBytes,
            Retrieval retrieval,
            Optional<FileSearch> fileSearch,
            CodeInterpreterSource code,
            AutoCloseable ownedCode) {
        Stores stores;
        try {
            stores = JdbcStores.openSqlite(options.dataDir());
        } catch (RuntimeException e) {
            closeRetrieval(retrieval);
            throw e;
        }
        RunService runs = null;
        VectorStoreServices vectorStores = null;
        try {
            Clock clock = Clock.systemUTC();
            ModelRouter router = new ProviderRouter(config);
            BlobStore blobs = new LocalBlobStore(options.dataDir().resolve("files"));
            vectorStores = new VectorStoreServices(stores, blobs, retrieval, clock);
            FileService files = new FileService(stores.files(), blobs, clock, vectorStores.files());
            runs = new RunService(stores, router, clock, engine, fileSearch.orElse(vectorStores.search()), code, files);
            Services services = new Services(runs, vectorStores, files, code);
            Javalin app = Javalin.create(
                    javalin -> configure(javalin, options, config, stores, services, clock, maxUploadBytes));
            runs.recover(); // before clients can see runs a previous process left unfinished
            vectorStores.recover(); // re-queues the files a previous process left in progress
            FileHousekeeping housekeeping = FileHousekeeping.start(files);
            try {
                app.start(options.host(), options.port());
            } catch (RuntimeException e) {
                housekeeping.close();
                throw e;
            }
            return new AssistantsServer(
                    stores, runs, vectorStores, retrieval, ownedCode, app, options.host(), housekeeping);
        } catch (RuntimeException e) {
            if (runs != null) {
                runs.close();
            }
            if (vectorStores != null) {
                vectorStores.close();
            }
            closeQuietly(ownedCode);
            closeRetrieval(retrieval);
            stores.close();
            throw e;
        }
    }

    /** The services the routes need besides the stores. */
    private record Services(
            RunService runs, VectorStoreServices vectorStores, FileService files, CodeInterpreterSource code) {}

    private static void configure(
            JavalinConfig javalin,
            ServerOptions options,
            ServerConfig config,
            Stores stores,
            Services services,
            Clock clock,
            long maxUploadBytes) {
        javalin.startup.showJavalinBanner = false;
        javalin.startup.showOldJavalinVersionWarning = false;
        javalin.concurrency.useVirtualThreads = true;
        javalin.http.maxRequestSize = options.maxRequestBytes();
        javalin.http.prefer405over404 = true;
        javalin.router.ignoreTrailingSlashes = true;
        javalin.http.compressionStrategy = CompressionStrategy.NONE;
        javalin.jsonMapper(new JavalinJackson(Json.WIRE, true));
        Cors cors = new Cors(config.allowedOrigins());
        // What Jetty refuses before Javalin sees it gets OpenAI's JSON error too, not Jetty's HTML page.
        javalin.jetty.modifyServer(server -> JettyErrorHandler.install(server, cors));
        javalin.jetty.modifyServletContextHandler(context -> JettyErrorHandler.install(context, cors));
        javalin.requestLogger.http((ctx, ms) ->
                LOG.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms)));

        ModelCatalog models = name -> config.route(name).isPresent();
        ApiRouter router = new ApiRouter(javalin.routes);
        RequestIds.register(javalin.routes);
        cors.register(javalin.routes); // before anything that may refuse a request, so that its page can read why
        PathEscapes.register(javalin.routes);
        new Auth(config.masterKey()).register(javalin.routes);
        ErrorMapper.register(javalin.routes);
        new HealthRoutes(stores).register(javalin.routes);
        FileReferences files = FileReferences.in(stores.files(), new ImageFiles(services.files()));
        new AssistantsRoutes(new AssistantService(
                        stores.assistants(),
                        models,
                        clock,
                        services.vectorStores().resources(),
                        files))
                .register(router);
        new RunsRoutes(services.runs(), services.vectorStores().resources())
                .register(router); // before ThreadsRoutes: POST /threads/runs
        ThreadService threads = new ThreadService(
                stores.threads(),
                clock,
                services.vectorStores().resources(),
                files,
                (projectId, threadId) -> services.code().closeSession(new SessionKey(projectId, threadId)));
        new ThreadsRoutes(threads, services.vectorStores().search()).register(router);
        new MessagesRoutes(
                        new MessageService(stores.threads(), stores.messages(), clock, files),
                        services.vectorStores().search())
                .register(router);
        new FilesRoutes(services.files(), options.dataDir().resolve("tmp").resolve("uploads"), maxUploadBytes)
                .register(router);
        new VectorStoresRoutes(services.vectorStores()).register(router);
        UpstreamProxy upstreams = new UpstreamProxy(config, clock);
        javalin.events.serverStopped(upstreams::close);
        new ModelsRoutes(config, clock.instant().getEpochSecond(), upstreams).register(router);
        new ChatCompletionsRoutes(upstreams).register(router);
        new EmbeddingsRoutes(upstreams).register(router);
        new AzureDeploymentsRoutes(upstreams).register(javalin.routes);
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    /** The base URL clients use, for example {@code http://127.0.0.1:8080/v1}. */
    public String baseUrl() {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        if (host.equals("0.0.0.0") || host.equals("::")) {
            shownHost = "127.0.0.1";
        }
        return "http://" + shownHost + ":" + port() + "/v1";
    }

    @Override
    public void close() {
        app.stop();
        housekeeping.close();
        runs.close();
        closeQuietly(codeInterpreter);
        vectorStores.close();
        closeRetrieval(retrieval);
        stores.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("The code interpreter did not close cleanly", e);
        }
    }

    private static void closeRetrieval(Retrieval retrieval) {
        retrieval.index().close();
        if (retrieval.embedder() instanceof AutoCloseable embedder) {
            try {
                embedder.close();
            } catch (Exception e) {
                LOG.warn("The embedding model did not close cleanly", e);
            }
        }
    }
}
