package dev.assistants4j.server;

import dev.assistants4j.core.access.Caller;
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
import dev.assistants4j.server.config.ConfigPricing;
import dev.assistants4j.server.config.DatabaseConfig;
import dev.assistants4j.server.config.ModelResolver;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.server.http.InProcessApi;
import dev.assistants4j.server.routing.ProviderRouter;
import dev.assistants4j.store.JdbcStores;
import dev.assistants4j.store.LocalBlobStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server without its HTTP side: the store, the services with the run engine, the model gate and the keys, wired
 * from one config and started with what a previous process left recovered. {@link AssistantsServer} puts HTTP in
 * front of it; {@link #inProcess} serves its API inside the JVM (the client's embedded transport). Closing stops the
 * services, then the store. Thread-safe.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final ServerOptions options;
    private final ServerConfig config;
    private final JdbcStores stores;
    private final Services services;
    private final Retrieval retrieval;
    private final AutoCloseable ownedCode;
    private final FileHousekeeping housekeeping;
    private final Callers callers;
    private final AutoCloseable ownedCallers;
    private final LimitedModelGate gate;
    private final AdminServices admin;
    private final Clock clock;
    private final long maxUploadBytes;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Engine(Parts parts) {
        this.options = parts.options;
        this.config = parts.config;
        this.stores = parts.stores;
        this.services = parts.services;
        this.retrieval = parts.retrieval;
        this.ownedCode = parts.ownedCode;
        this.housekeeping = parts.housekeeping;
        this.callers = parts.callers;
        this.ownedCallers = parts.ownedCallers;
        this.gate = parts.gate;
        this.admin = parts.admin;
        this.clock = parts.clock;
        this.maxUploadBytes = parts.maxUploadBytes;
    }

    /** What an engine is built from; filled as the start goes, so that a failed start closes what it opened. */
    private static final class Parts {
        ServerOptions options;
        ServerConfig config;
        JdbcStores stores;
        Services services;
        Retrieval retrieval;
        AutoCloseable ownedCode = () -> {};
        FileHousekeeping housekeeping;
        Callers callers;
        AutoCloseable ownedCallers = () -> {};
        LimitedModelGate gate;
        AdminServices admin;
        Clock clock = Clock.systemUTC();
        long maxUploadBytes;

        void closeOpened() {
            if (housekeeping != null) {
                housekeeping.close();
            }
            closeQuietly(ownedCallers);
            if (services != null) {
                services.close();
            }
            if (gate != null) {
                gate.close();
            }
            closeQuietly(ownedCode);
            closeRetrieval(retrieval);
            if (stores != null) {
                stores.close();
            }
        }
    }

    /**
     * Opens the store, wires the services and recovers what a previous process left unfinished.
     *
     * @param retrieval the retrieval, opening meanwhile (its index opens while the store does)
     * @param code the code interpreter; closed with the engine when {@code ownedCode} is it
     * @param callers who each API key stands for; null: the master key and the keys the store holds
     */
    static Engine start(
            ServerOptions options,
            ServerConfig config,
            EngineSettings engineSettings,
            CompletableFuture<Retrieval> retrieval,
            Optional<FileSearch> fileSearch,
            CodeInterpreterSource code,
            AutoCloseable ownedCode,
            Callers callers,
            long maxUploadBytes) {
        Parts parts = new Parts();
        parts.options = options;
        parts.config = config;
        parts.ownedCode = ownedCode;
        parts.maxUploadBytes = maxUploadBytes;
        try {
            long started = System.nanoTime();
            parts.stores = openStores(config.database(), options.dataDir());
            long storeOpened = System.nanoTime();
            Retrieval opened = DefaultRetrieval.await(retrieval); // opened meanwhile, or its failure
            parts.retrieval = opened;
            parts.retrieval = DefaultRetrieval.onStores(opened, parts.stores); // on PostgreSQL: every node's
            ModelResolver resolver = config.resolver(); // built once: it compiles the wildcard patterns
            ModelCatalog models = name -> resolver.resolve(name).isPresent();
            EngineSettings engine = withNode(engineSettings, config.database());
            parts.gate = new LimitedModelGate(
                    parts.stores.spend(),
                    new ConfigPricing(resolver),
                    parts.clock,
                    LimitedModelGate.Settings.of(engine.node().nodeId(), parts.stores.shared()));
            StoreCallers storeCallers = null;
            if (callers == null) {
                storeCallers = StoreCallers.start(
                        config.masterKey(),
                        parts.stores.keys(),
                        parts.stores.teams(),
                        parts.clock,
                        StoreCallers.POLL_EVERY);
                parts.ownedCallers = storeCallers;
            }
            parts.callers = callers != null ? callers : storeCallers;
            parts.services = Services.wire(
                    parts.stores,
                    parts.stores
                            .blobs()
                            .orElseGet(
                                    () -> new LocalBlobStore(options.dataDir().resolve("files"))),
                    parts.retrieval,
                    new ProviderRouter(config),
                    models,
                    fileSearch,
                    code,
                    parts.clock,
                    engine,
                    new RunAccess(parts.gate, parts.callers, parts.stores.spend()));
            Runnable keysChanged = storeCallers != null ? storeCallers::invalidate : () -> {};
            parts.admin = AdminServices.wire(parts.stores, parts.services, parts.clock, keysChanged);
            long wired = System.nanoTime();
            parts.services.recover(); // before clients can see what a previous process left unfinished
            long recovered = System.nanoTime();
            parts.housekeeping = FileHousekeeping.start(
                    parts.services.files(), config.database().url().isPresent());
            LOG.debug(
                    "Engine started in {} ms: store {} ms, services {} ms, recovery {} ms",
                    millis(System.nanoTime() - started),
                    millis(storeOpened - started),
                    millis(wired - storeOpened),
                    millis(recovered - wired));
            return new Engine(parts);
        } catch (RuntimeException e) {
            if (parts.retrieval == null) {
                DefaultRetrieval.closeWhenOpen(retrieval);
            }
            parts.closeOpened();
            throw e;
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * The engine settings of this node: on PostgreSQL it shares runs with the other nodes of the database, under a
     * lease (unless the settings say already how).
     */
    private static EngineSettings withNode(EngineSettings engine, DatabaseConfig database) {
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
     * The Assistants API of this engine inside the JVM, acting as {@code caller}; closing it closes the engine.
     */
    public InProcessApi inProcess(Caller caller) {
        return InProcessApi.of(services.api(options.dataDir(), maxUploadBytes), caller, this::close, closed::get);
    }

    /** The Assistants API of this engine inside the JVM, as the master key in the default project. */
    public InProcessApi inProcess() {
        return inProcess(Caller.master(Caller.DEFAULT_PROJECT));
    }

    HttpApi http() {
        return new HttpApi(
                options, config, stores, services, callers, admin, retrieval.index(), clock, maxUploadBytes, gate);
    }

    Services services() {
        return services;
    }

    /**
     * What keys and teams spent in their current budget periods, and the spend log rows of this node not written yet.
     */
    LimitedModelGate spend() {
        return gate;
    }

    /** Stops the services, then the store; once (a second call does nothing). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        housekeeping.close();
        services.runs().close();
        closeQuietly(ownedCode);
        services.vectorStores().close();
        gate.close(); // writes the last spend log rows
        closeQuietly(ownedCallers); // after the runs: a run's model calls find their key through it
        closeRetrieval(retrieval);
        stores.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("{} did not close cleanly", closeable.getClass().getSimpleName(), e);
        }
    }

    static void closeRetrieval(Retrieval retrieval) {
        if (retrieval == null) {
            return;
        }
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
