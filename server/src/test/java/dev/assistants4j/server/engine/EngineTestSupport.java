package dev.assistants4j.server.engine;

import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.engine.EngineSettings;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.ServerOptions;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.testkit.FakeUpstream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Starts a server whose every model routes to a {@link FakeUpstream}, with fast engine timings. */
public final class EngineTestSupport {

    /**
     * A short backoff so retry tests run fast; runs wait a minute for tool outputs, so a loaded machine never expires a
     * run a test is still looking at (expiry tests use {@link #EXPIRING}).
     */
    public static final EngineSettings FAST = new EngineSettings(Duration.ofMinutes(1), 10, 3, Duration.ofMillis(20));

    /** As {@link #FAST}, but a run waiting for tool outputs expires after two seconds. */
    public static final EngineSettings EXPIRING =
            new EngineSettings(Duration.ofSeconds(2), 10, 3, Duration.ofMillis(20));

    private EngineTestSupport() {}

    /** A server routing every model name to {@code upstream} as an OpenAI-compatible provider. */
    public static AssistantsServer start(Path dataDir, FakeUpstream upstream) {
        return start(dataDir, upstream, FAST);
    }

    public static AssistantsServer start(Path dataDir, FakeUpstream upstream, EngineSettings settings) {
        return start(dataDir, upstream, settings, FileSearch.NONE);
    }

    /**
     * A server routing every model name to {@code upstream}, whose vector stores and runs' file_search calls use the
     * server's real default retrieval (Tika, token chunks, the local embedding model, the Lucene index).
     */
    public static AssistantsServer startWithDefaultRetrieval(Path dataDir, FakeUpstream upstream) {
        ServerConfig config = routingTo(upstream);
        return AssistantsServer.builder()
                .options(ServerOptions.local(dataDir))
                .config(config)
                .engine(FAST)
                .start();
    }

    /** As {@link #start(Path, FakeUpstream, EngineSettings)}, with the search runs' file_search calls use. */
    public static AssistantsServer start(
            Path dataDir, FakeUpstream upstream, EngineSettings settings, FileSearch fileSearch) {
        ServerConfig config = routingTo(upstream);
        return AssistantsServer.builder()
                .options(ServerOptions.local(dataDir))
                .config(config)
                .engine(settings)
                .fileSearch(fileSearch)
                .start();
    }

    /** As {@link #start(Path, FakeUpstream, EngineSettings)}, with the code interpreter runs' code calls use. */
    public static AssistantsServer start(
            Path dataDir, FakeUpstream upstream, EngineSettings settings, CodeInterpreterSource code) {
        ServerConfig config = routingTo(upstream);
        return AssistantsServer.builder()
                .options(ServerOptions.local(dataDir))
                .config(config)
                .engine(settings)
                .fileSearch(FileSearch.NONE)
                .codeInterpreter(code)
                .start();
    }

    /** A config routing every model name to {@code upstream} as an OpenAI-compatible provider. */
    private static ServerConfig routingTo(FakeUpstream upstream) {
        ModelRoute route = new ModelRoute(
                "*", "openai", "*", Optional.of(upstream.baseUrl()), Optional.of("sk-upstream"), Optional.empty());
        return new ServerConfig(List.of(route), Optional.empty(), Optional.empty());
    }
}
