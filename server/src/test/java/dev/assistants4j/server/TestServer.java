package dev.assistants4j.server;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.assistants4j.core.access.Callers;
import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.engine.EngineSettings;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.server.http.FilesRoutes;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Starts real servers for tests: localhost, a free port, a SQLite file in the given directory (or, when the tests run
 * on PostgreSQL, a schema of the data directory's own: see {@link TestDatabases}). Every server a test
 * starts goes through {@link #start(Setup)}, the one call of {@link AssistantsServer}'s factory in the tests.
 */
public final class TestServer {

    /** The master key of {@link #withMasterKey(Path)}. */
    public static final String MASTER_KEY = "sk-test-master-key-0123456789";

    private TestServer() {}

    /**
     * What a test server is started with; {@code null} for {@code retrieval}, {@code fileSearch}, {@code code} and
     * {@code callers} means the server's own (the default retrieval, search over the vector stores, the config's code
     * interpreter, the master key alone).
     */
    public record Setup(
            ServerOptions options,
            ServerConfig config,
            EngineSettings engine,
            long maxUploadBytes,
            Retrieval retrieval,
            FileSearch fileSearch,
            CodeInterpreterSource code,
            Callers callers) {

        /** A server on {@code dataDir} with {@code config} and the production defaults for everything else. */
        public static Setup of(Path dataDir, ServerConfig config) {
            return new Setup(
                    ServerOptions.local(dataDir),
                    config,
                    EngineSettings.DEFAULTS,
                    FilesRoutes.DEFAULT_MAX_UPLOAD_BYTES,
                    null,
                    null,
                    null,
                    null);
        }

        public Setup withOptions(ServerOptions value) {
            return new Setup(value, config, engine, maxUploadBytes, retrieval, fileSearch, code, callers);
        }

        public Setup withEngine(EngineSettings value) {
            return new Setup(options, config, value, maxUploadBytes, retrieval, fileSearch, code, callers);
        }

        public Setup withMaxUploadBytes(long value) {
            return new Setup(options, config, engine, value, retrieval, fileSearch, code, callers);
        }

        public Setup withRetrieval(Retrieval value) {
            return new Setup(options, config, engine, maxUploadBytes, value, fileSearch, code, callers);
        }

        public Setup withFileSearch(FileSearch value) {
            return new Setup(options, config, engine, maxUploadBytes, retrieval, value, code, callers);
        }

        public Setup withCode(CodeInterpreterSource value) {
            return new Setup(options, config, engine, maxUploadBytes, retrieval, fileSearch, value, callers);
        }

        /** As this, with {@code value} as the config. */
        public Setup withConfig(ServerConfig value) {
            return new Setup(options, value, engine, maxUploadBytes, retrieval, fileSearch, code, callers);
        }

        /** As this, with {@code key} as the config's master key: every other key is one the server stores. */
        public Setup withMasterKey(String key) {
            return withConfig(new ServerConfig(
                    config.models(),
                    Optional.of(key),
                    config.fallback(),
                    config.fileSearch(),
                    config.codeInterpreter(),
                    config.allowedOrigins(),
                    config.database(),
                    config.router()));
        }

        /** As this, with who each API key stands for instead of the master key alone (tests of projects). */
        public Setup withCallers(Callers value) {
            return new Setup(options, config, engine, maxUploadBytes, retrieval, fileSearch, code, value);
        }
    }

    /** Starts a server as {@code setup} says. */
    public static AssistantsServer start(Setup setup) {
        return builder(setup).start();
    }

    /** Starts the engine {@code setup} describes without HTTP, for the in-process transport; its port is not used. */
    public static Engine startEngine(Setup setup) {
        return builder(setup).startEngine();
    }

    private static AssistantsServer.Builder builder(Setup setup) {
        if (setup.retrieval() != null && setup.fileSearch() != null) {
            throw new IllegalArgumentException("a test server takes a retrieval or a file search");
        }
        AssistantsServer.Builder builder = AssistantsServer.builder()
                .options(setup.options())
                .config(TestDatabases.forServer(setup.config(), setup.options().dataDir()))
                .engine(setup.engine())
                .maxUploadBytes(setup.maxUploadBytes());
        if (setup.retrieval() != null) {
            builder.retrieval(setup.retrieval());
        }
        if (setup.fileSearch() != null) {
            builder.fileSearch(setup.fileSearch());
        }
        if (setup.callers() != null) {
            builder.callers(setup.callers());
        }
        if (setup.code() != null) {
            builder.codeInterpreter(setup.code());
            if (setup.retrieval() == null) { // with a retrieval, runs search its vector stores
                builder.fileSearch(setup.fileSearch() == null ? FileSearch.NONE : setup.fileSearch());
            }
        }
        return builder;
    }

    /** A server with no config file (every model name routes) and no master key. */
    public static AssistantsServer start(Path dataDir) {
        return start(dataDir, ConfigLoader.defaults(Map.of()));
    }

    /** A server with the given config. */
    public static AssistantsServer start(Path dataDir, ServerConfig config) {
        return start(Setup.of(dataDir, config));
    }

    /** A server with no config file whose vector stores use {@code retrieval}. */
    public static AssistantsServer start(Path dataDir, Retrieval retrieval) {
        return start(Setup.of(dataDir, ConfigLoader.defaults(Map.of())).withRetrieval(retrieval));
    }

    /** A server that requires {@link #MASTER_KEY}. */
    public static AssistantsServer withMasterKey(Path dataDir) {
        return withMasterKey(dataDir, Map.of());
    }

    /** A server with no config file that requires {@link #MASTER_KEY}, with {@code OPENAI_BASE_URL} and the like. */
    public static AssistantsServer withMasterKey(Path dataDir, Map<String, String> env) {
        ServerConfig defaults = ConfigLoader.defaults(env);
        return start(dataDir, new ServerConfig(defaults.models(), Optional.of(MASTER_KEY), defaults.fallback()));
    }

    /** The official openai-java client of {@code server}, sending {@code apiKey}, without retries. */
    public static OpenAIClient client(AssistantsServer server, String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(server.baseUrl())
                .apiKey(apiKey)
                .maxRetries(0)
                .build();
    }
}
