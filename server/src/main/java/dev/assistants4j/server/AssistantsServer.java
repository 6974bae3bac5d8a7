package dev.assistants4j.server;

import dev.assistants4j.core.access.Callers;
import dev.assistants4j.core.access.LimitedModelGate;
import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.engine.EngineSettings;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.server.http.FilesRoutes;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The running server: stores, services and HTTP routes wired together, started by {@link #builder()}. Closing stops
 * HTTP, then the services, then the store.
 */
public final class AssistantsServer implements AutoCloseable {

    private final Engine engine;
    private final Javalin app;
    private final String host;

    private AssistantsServer(Engine engine, Javalin app, String host) {
        this.engine = engine;
        this.app = app;
        this.host = host;
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
            Engine engine = startEngine();
            try {
                Javalin app = engine.http().create();
                app.start(options.host(), options.port());
                return new AssistantsServer(engine, app, options.host());
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
        }

        /**
         * Opens the store in the data dir and starts the engine without HTTP: its API is then served in-process
         * ({@link Engine#inProcess}). The options' host and port are not used.
         */
        public Engine startEngine() {
            ServerConfig serverConfig = config != null ? config : ConfigLoader.defaults(System.getenv());
            CompletableFuture<Retrieval> search = retrieval != null
                    ? CompletableFuture.completedFuture(retrieval)
                    : DefaultRetrieval.openInBackground(options.dataDir(), serverConfig);
            CodeInterpreterSource code = codeInterpreter;
            AutoCloseable ownedCode = () -> {};
            if (code == null) {
                CodeInterpreters configured;
                try {
                    configured = new CodeInterpreters(
                            serverConfig.codeInterpreter(), options.dataDir().resolve("sandbox"));
                    configured.checkPrerequisites(); // a host that lacks what it needs is reported now
                } catch (RuntimeException e) {
                    DefaultRetrieval.closeWhenOpen(search);
                    throw e;
                }
                code = configured;
                ownedCode = configured;
            }
            return Engine.start(
                    options, serverConfig, engine, search, fileSearch, code, ownedCode, callers, maxUploadBytes);
        }
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
        engine.close();
    }

    /**
     * What keys and teams spent in their current budget periods ({@code /key/info} and {@code /team/info} read it), and
     * the spend log rows of this node not written yet ({@link LimitedModelGate#flush}).
     */
    public LimitedModelGate spend() {
        return engine.spend();
    }
}
