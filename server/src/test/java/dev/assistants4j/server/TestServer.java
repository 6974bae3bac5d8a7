package dev.assistants4j.server;

import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Starts real servers for tests: localhost, a free port, a SQLite file in the given directory. */
public final class TestServer {

    /** The master key of {@link #withMasterKey(Path)}. */
    public static final String MASTER_KEY = "sk-test-master-key-0123456789";

    private TestServer() {}

    /** A server with no config file (every model name routes) and no master key. */
    public static AssistantsServer start(Path dataDir) {
        return start(dataDir, ConfigLoader.defaults(Map.of()));
    }

    /** A server with the given config. */
    public static AssistantsServer start(Path dataDir, ServerConfig config) {
        return AssistantsServer.builder()
                .options(ServerOptions.local(dataDir))
                .config(config)
                .start();
    }

    /** A server with no config file whose vector stores use {@code retrieval}. */
    public static AssistantsServer start(Path dataDir, Retrieval retrieval) {
        return AssistantsServer.builder()
                .options(ServerOptions.local(dataDir))
                .config(ConfigLoader.defaults(Map.of()))
                .retrieval(retrieval)
                .start();
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
}
