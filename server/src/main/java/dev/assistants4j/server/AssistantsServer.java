package dev.assistants4j.server;

import dev.assistants4j.core.access.Callers;
import dev.assistants4j.core.access.LimitedModelGate;
import dev.assistants4j.core.access.StoreCallers;
import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.engine.EngineSettings;
import dev.assistants4j.core.engine.NodeSettings;
import dev.assistants4j.core.engine.RunAccess;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.core.service.ModelCatalog;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ConfigPricing;
import dev.assistants4j.server.config.DatabaseConfig;
import dev.assistants4j.server.config.ModelResolver;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.server.http.FilesRoutes;
import dev.assistants4j.server.routing.ProviderRouter;
import dev.assistants4j.store.JdbcStores;
import dev.assistants4j.store.LocalBlobStore;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: stores, services and HTTP routes wired together, started by {@link #builder()}. Closing stops
 * HTTP, then the services, then the store.
 */
public final class AssistantsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssistantsServer.class);

    private final Stores stores;
    private final Services services;
    private final Retrieval retrieval;
    private final AutoCloseable codeInterpreter;
    private final Javalin app;
    private final String host;
    private final FileHousekeeping housekeeping;
    private final AutoCloseable callers;
    private final LimitedModelGate gate;

    private AssistantsServer(
            Stores stores,
            Services services,
            Retrieval retrieval,
            AutoCloseable codeInterpreter,
            Javalin app,
            String host,
            FileHousekeeping housekeeping,
            AutoCloseable callers,
            LimitedModelGate gate) {
        this.gate = gate;
        this.stores = stores;
        this.services = services;
        this.retrieval = retrieval;
        this.codeInterpreter = codeInterpreter;
        this.app = app;
        this.host = host;
        this.housekeeping = housekeeping;
        this.callers = callers;
    }

    /** A server on its embedded defaults, each of which the builder can replace. */
    public static Builder builder() {
        return new Builder();
    }

    /** What a server is started with. Not thread-safe. */
    public static final class Builder {

        private ServerOptions options =
                new ServerOptions("127.0.0.1", 8080, Path.of("data"), ServerOptions.DEFAULT_MAX_REQUEST_BYTES);
        private ServerConfig config;
        private EngineSettings engine = EngineSettings.DEFAULTS;
        private long maxUploadBytes = FilesRoutes.DEFAULT_MAX_UPLOAD_BYTES;
        private Retrieval retrieval;
        private Optional<FileSearch> fileSearch = Optional.empty();
        private CodeInterpreterSource codeInterpreter;
        private Callers callers;

        private Builder() {}

        /** Where to listen and keep data; by default 127.0.0.1:8080 and {@code ./data}. */
        public Builder options(ServerOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Models, keys and settings; by default no config file: every model routes to {@code $OPENAI_BASE_URL}. */
        public Builder config(ServerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Run-engine timings and limits (tests shorten them); {@link EngineSettings#DEFAULTS} by default. */
        public Builder engine(EngineSettings engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** Uploaded files larger than this are refused (413); OpenAI's 512 MB by default (tests lower it). */
        public Builder maxUploadBytes(long maxUploadBytes) {
            this.maxUploadBytes = maxUploadBytes;
            return this;
        }

        /**
         * The retrieval components vector stores are built on; {@link DefaultRetrieval} in the data dir by default.
         * The server closes its index and embedder when it stops.
         */
        public Builder retrieval(Retrieval retrieval) {
            this.retrieval = Objects.requireNonNull(retrieval, "retrieval");
            return this;
        }

        /**
         * What runs' file_search calls search instead of the vector stores ({@link FileSearch#NONE} finds nothing);
         * for tests of the run engine. By default they search the vector stores.
         */
        public Builder fileSearch(FileSearch fileSearch) {
            this.fileSearch = Optional.of(fileSearch);
            return this;
        }

        /**
         * The code interpreter runs' code_interpreter calls use instead of the one the config describes; the caller
         * closes it. By default the config's, created on first use, its sessions in the data dir.
         */
        public Builder codeInterpreter(CodeInterpreterSource codeInterpreter) {
            this.codeInterpreter = Objects.requireNonNull(codeInterpreter, "codeInterpreter");
            return this;
        }

        /**
         * Who each API key stands for, instead of the keys the server stores (tests give each of several keys a
         * project of its own this way). By default the master key and the keys made with {@code /key/generate}.
         */
        public Builder callers(Callers callers) {
            this.callers = Objects.requireNonNull(callers, "callers");
            return this;
        }

        /** Opens the embedded store in the data dir, recovers what a previous process left, and starts listening. */
        public AssistantsServer start() {
            ServerConfig serverConfig = config != null ? config : ConfigLoader.defaults(System.getenv());
            Retrieval search = retrieval != null ? retrieval : DefaultRetrieval.open(options.dataDir(), serverConfig);
            CodeInterpreterSource code = codeInterpreter;
            AutoCloseable ownedCode = () -> {};
            if (code == null) {
                CodeInterpreters configured = new CodeInterpreters(
                        serverConfig.codeInterpreter(), options.dataDir().resolve("sandbox"));
                configured.checkPrerequisites(); // a host that lacks what it needs is reported now
                code = configured;
                ownedCode = configured;
            }
            return AssistantsServer.start(this, serverConfig, search, code, ownedCode);
        }
    }

    private static AssistantsServer start(
            Builder builder,
            ServerConfig config,
            Retrieval retrieval,
            CodeInterpreterSource code,
            AutoCloseable ownedCode) {
        ServerOptions options = builder.options;
        JdbcStores stores;
        try {
            stores = openStores(config.database(), options.dataDir());
        } catch (RuntimeException e) {
            closeRetrieval(retrieval);
            throw e;
        }
        Services services = null;
        StoreCallers storeCallers = null;
        LimitedModelGate gate = null;
        try {
            retrieval = DefaultRetrieval.onStores(retrieval, stores); // on PostgreSQL: every node's chunks
            Clock clock = Clock.systemUTC();
            ModelResolver resolver = config.resolver(); // built once: it compiles the wildcard patterns
            ModelCatalog models = name -> resolver.resolve(name).isPresent();
            EngineSettings engine = engine(builder.engine, config.database());
            gate = new LimitedModelGate(
                    stores.spend(),
                    new ConfigPricing(resolver),
                    clock,
                    LimitedModelGate.Settings.of(engine.node().nodeId(), stores.shared()));
            if (builder.callers == null) {
                storeCallers = StoreCallers.start(
                        config.masterKey(), stores.keys(), stores.teams(), clock, StoreCallers.POLL_EVERY);
            }
            Callers callers = builder.callers != null ? builder.callers : storeCallers;
            services = Services.wire(
                    stores,
                    stores.blobs()
                            .orElseGet(
                                    () -> new LocalBlobStore(options.dataDir().resolve("files"))),
                    retrieval,
                    new ProviderRouter(config),
                    models,
                    builder.fileSearch,
                    code,
                    clock,
                    engine,
                    new RunAccess(gate, callers, stores.spend()));
            Runnable keysChanged = storeCallers != null ? storeCallers::invalidate : () -> {};
            AdminServices admin = AdminServices.wire(stores, services, clock, keysChanged);
            Javalin app = new HttpApi(
                            options,
                            config,
                            stores,
                            services,
                            callers,
                            admin,
                            retrieval.index(),
                            clock,
                            builder.maxUploadBytes,
                            gate)
                    .create();
            services.recover(); // before clients can see what a previous process left unfinished
            FileHousekeeping housekeeping = FileHousekeeping.start(
                    services.files(), config.database().url().isPresent());
            try {
                app.start(options.host(), options.port());
            } catch (RuntimeException e) {
                housekeeping.close();
                throw e;
            }
            return new AssistantsServer(
                    stores,
                    services,
                    retrieval,
                    ownedCode,
                    app,
                    options.host(),
                    housekeeping,
                    storeCallers != null ? storeCallers : () -> {},
                    gate);
        } catch (RuntimeException e) {
            if (storeCallers != null) {
                storeCallers.close();
            }
            if (services != null) {
                services.close();
            }
            if (gate != null) {
                gate.close();
            }
            closeQuietly(ownedCode);
            closeRetrieval(retrieval);
            stores.close();
            throw e;
        }
    }

    /**
     * The engine settings of this node: on PostgreSQL it shares runs with the other nodes of the database, under a
     * lease (unless the settings say already how).
     */
    private static EngineSettings engine(EngineSettings engine, DatabaseConfig database) {
        if (database.url().isEmpty() || engine.node().shared()) {
            return engine;
        }
        return engine.withNode(NodeSettings.shared(database.runLease()));
    }

    /** The configured PostgreSQL database, else the embedded SQLite file in the data dir. */
    static JdbcStores openStores(DatabaseConfig database, Path dataDir) {
        if (database.url().isEmpty()) {
            return JdbcStores.openSqlite(dataDir);
        }
        LOG.info("Opening {}", database);
        return JdbcStores.openPostgres(database.url().get(), database.poolLimit(), database.connectionTimeout());
    }

    /**
     * Every HTTP route the server serves, as {@code METHOD /path} (e.g. {@code GET /v1/assistants/{assistant_id}}),
     * in registration order; for tests that must cover each route, including one added later.
     */
    List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint.method.name() + " " + parsed.endpoint.path)
                .toList();
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
        services.runs().close();
        closeQuietly(codeInterpreter);
        services.vectorStores().close();
        gate.close(); // writes the last spend log rows
        closeQuietly(callers); // after the runs: a run's model calls find their key through it
        closeRetrieval(retrieval);
        stores.close();
    }

    /**
     * What keys and teams spent in their current budget periods ({@code /key/info} and {@code /team/info} read it), and
     * the spend log rows of this node not written yet ({@link LimitedModelGate#flush}).
     */
    public LimitedModelGate spend() {
        return gate;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("{} did not close cleanly", closeable.getClass().getSimpleName(), e);
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
