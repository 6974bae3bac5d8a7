package dev.assistants4j.server.engine;

import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.engine.EngineSettings;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.TestServer;
import dev.assistants4j.server.TestServer.Setup;
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

    /** As {@link #start(Path, FakeUpstream, EngineSettings)}, with the search runs' file_search calls use. */
    public static AssistantsServer start(
            Path dataDir, FakeUpstream upstream, EngineSettings settings, FileSearch fileSearch) {
        return TestServer.start(setup(dataDir, upstream).withEngine(settings).withFileSearch(fileSearch));
    }

    /** As {@link #start(Path, FakeUpstream, EngineSettings)}, with the code interpreter runs' code calls use. */
    public static AssistantsServer start(
            Path dataDir, FakeUpstream upstream, EngineSettings settings, CodeInterpreterSource code) {
        return TestServer.start(setup(dataDir, upstream).withEngine(settings).withCode(code));
    }

    /**
     * A server routing every model name to {@code upstream} with {@link #FAST} timings and the server's own retrieval
     * and file search; the other settings as {@link TestServer.Setup#of}.
     */
    public static Setup setup(Path dataDir, FakeUpstream upstream) {
        return Setup.of(dataDir, routingTo(upstream)).withEngine(FAST);
    }

    /** A config routing every model name to {@code upstream} as an OpenAI-compatible provider. */
    public static ServerConfig routingTo(FakeUpstream upstream) {
        return new ServerConfig(List.of(everyModelTo(upstream)), Optional.empty(), Optional.empty());
    }

    /**
     * A config routing every model name to {@code upstream}'s Anthropic Messages API as {@code anthropic/<name>}, with
     * {@code api_base} the fake's root.
     */
    public static ServerConfig routingToAnthropic(FakeUpstream upstream) {
        return routingNatively(upstream, "anthropic", "sk-ant-upstream");
    }

    /**
     * A config routing every model name to {@code upstream}'s Gemini API as {@code gemini/<name>}, with {@code
     * api_base} the fake's root.
     */
    public static ServerConfig routingToGemini(FakeUpstream upstream) {
        return routingNatively(upstream, "gemini", "AIza-upstream");
    }

    private static ServerConfig routingNatively(FakeUpstream upstream, String provider, String key) {
        ModelRoute route = new ModelRoute(
                "*", provider, "*", Optional.of(upstream.endpoint()), Optional.of(key), Optional.empty());
        return new ServerConfig(List.of(route), Optional.empty(), Optional.empty());
    }

    /** A route of every model name to {@code upstream} as an OpenAI-compatible provider. */
    public static ModelRoute everyModelTo(FakeUpstream upstream) {
        return new ModelRoute(
                "*", "openai", "*", Optional.of(upstream.baseUrl()), Optional.of("sk-upstream"), Optional.empty());
    }
}
