package dev.assistants4j.server;

import com.openai.client.OpenAIClient;
import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.engine.EngineSettings;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.server.TestServer.Setup;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.server.engine.EngineTestSupport;
import dev.assistants4j.server.engine.RunHttp;
import dev.assistants4j.testkit.FakeUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on a free port with its data in a fresh temporary directory, optionally routing every model to a
 * {@link FakeUpstream}, and the clients tests drive it with: the official openai-java {@link #client()}, raw
 * {@link #runHttp()} and {@link #http()}. Everything is started before each test and closed after it; {@link #perClass()}
 * shares one set across a class's tests (register it as a {@code static} field then).
 *
 * <pre>{@code
 * @RegisterExtension
 * final ServerExtension server = ServerExtension.withFakeUpstream();
 * }</pre>
 *
 * Not thread-safe: the accessors are for the test thread.
 */
public final class ServerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** Builds the server's config from the fake upstream ({@code null} without one) and the temporary directory. */
    @FunctionalInterface
    public interface ConfigFactory {
        ServerConfig config(FakeUpstream upstream, Path dir) throws IOException;
    }

    private final boolean withUpstream;
    private final ConfigFactory configFactory;
    private final UnaryOperator<Setup> setupChanges;
    private final String apiKey;
    private final boolean serverStarted;
    private final boolean perClass;
    private boolean failOnServerErrors;

    private Path dir;
    private FakeUpstream upstream;
    private Setup setup;
    private AssistantsServer server;
    private OpenAIClient client;
    private HttpTestClient http;
    private RunHttp runHttp;
    private AssistantsServer runHttpServer;
    private final Deque<AutoCloseable> extras = new ArrayDeque<>();

    private ServerExtension(
            boolean withUpstream,
            ConfigFactory configFactory,
            UnaryOperator<Setup> setupChanges,
            String apiKey,
            boolean serverStarted,
            boolean perClass) {
        this.withUpstream = withUpstream;
        this.configFactory = configFactory;
        this.setupChanges = setupChanges;
        this.apiKey = apiKey;
        this.serverStarted = serverStarted;
        this.perClass = perClass;
    }

    /** A {@link FakeUpstream}, and a server routing every model name to it with {@link EngineTestSupport#FAST}. */
    public static ServerExtension withFakeUpstream() {
        return new ServerExtension(
                true,
                (upstream, dir) -> EngineTestSupport.routingTo(upstream),
                setup -> setup.withEngine(EngineTestSupport.FAST).withFileSearch(FileSearch.NONE),
                "sk-test",
                true,
                false);
    }

    /**
     * A {@link FakeUpstream}, and a server with the config {@code factory} builds from it and the production defaults
     * for the rest (engine timings, file search).
     */
    public static ServerExtension withFakeUpstream(ConfigFactory factory) {
        return new ServerExtension(true, factory, UnaryOperator.identity(), "sk-test", true, false);
    }

    /** A server with no upstream and no config file: every model name routes, no master key. */
    public static ServerExtension withDefaults() {
        return withConfig((upstream, dir) -> ConfigLoader.defaults(Map.of()));
    }

    /** A server with no upstream and the config {@code factory} builds (its upstream argument is {@code null}). */
    public static ServerExtension withConfig(ConfigFactory factory) {
        return new ServerExtension(false, factory, UnaryOperator.identity(), "sk-test", true, false);
    }

    /** As this, with a {@link FakeUpstream} and the config {@code factory} builds from it. */
    public ServerExtension config(ConfigFactory factory) {
        return copy(true, factory, setupChanges, apiKey, serverStarted, perClass);
    }

    /** As this, with {@code change} applied to the server's {@link Setup} (engine timings, file search, ...). */
    public ServerExtension setup(UnaryOperator<Setup> change) {
        UnaryOperator<Setup> before = setupChanges;
        return copy(withUpstream, configFactory, s -> change.apply(before.apply(s)), apiKey, serverStarted, perClass);
    }

    /** As this, with the run engine's timings. */
    public ServerExtension engine(EngineSettings settings) {
        return setup(s -> s.withEngine(settings));
    }

    /** As this, with the search runs' file_search calls use. */
    public ServerExtension fileSearch(FileSearch search) {
        return setup(s -> s.withFileSearch(search));
    }

    /** As this, with the code interpreter runs' code calls use. */
    public ServerExtension codeInterpreter(CodeInterpreterSource code) {
        return setup(s -> s.withCode(code));
    }

    /** As this, with the server's own retrieval: runs' file_search calls search its vector stores. */
    public ServerExtension serverFileSearch() {
        return setup(s -> s.withFileSearch(null));
    }

    /** As this, with {@link #client()} sending {@code key}. */
    public ServerExtension apiKey(String key) {
        return copy(withUpstream, configFactory, setupChanges, key, serverStarted, perClass);
    }

    /** As this, but the test starts its servers itself with {@link #newServer()}; the upstream is still started. */
    public ServerExtension upstreamOnly() {
        return copy(withUpstream, configFactory, setupChanges, apiKey, false, perClass);
    }

    /** As this, failing every test after which {@link #http()} has seen a 5xx answer. */
    public ServerExtension failOnServerErrors() {
        ServerExtension copy = copy(withUpstream, configFactory, setupChanges, apiKey, serverStarted, perClass);
        copy.failOnServerErrors = true;
        return copy;
    }

    /** As this, one server (and upstream) for all the tests of the class, started before the first. */
    public ServerExtension perClass() {
        return copy(withUpstream, configFactory, setupChanges, apiKey, serverStarted, true);
    }

    private ServerExtension copy(
            boolean withUpstream,
            ConfigFactory configFactory,
            UnaryOperator<Setup> setupChanges,
            String apiKey,
            boolean serverStarted,
            boolean perClass) {
        ServerExtension copy =
                new ServerExtension(withUpstream, configFactory, setupChanges, apiKey, serverStarted, perClass);
        copy.failOnServerErrors = failOnServerErrors;
        return copy;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (perClass) {
            open();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (perClass) {
            close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            open();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (failOnServerErrors && http != null) {
                http.assertNoServerErrors();
            }
        } finally {
            if (!perClass) {
                close();
            }
        }
    }

    private void open() {
        try {
            dir = Files.createTempDirectory("assistants4j-test");
            if (withUpstream) {
                upstream = FakeUpstream.start();
            }
            setup = setupChanges.apply(Setup.of(dir.resolve("data"), configFactory.config(upstream, dir)));
            if (serverStarted) {
                server = TestServer.start(setup);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void close() {
        RuntimeException failure = null;
        while (!extras.isEmpty()) {
            failure = closeQuietly(extras.pop(), failure);
        }
        failure = closeQuietly(client == null ? null : client::close, failure);
        failure = closeQuietly(server, failure);
        failure = closeQuietly(upstream, failure);
        client = null;
        http = null;
        runHttp = null;
        server = null;
        upstream = null;
        deleteRecursively(dir);
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException closeQuietly(AutoCloseable closeable, RuntimeException failure) {
        if (closeable == null) {
            return failure;
        }
        try {
            closeable.close();
            return failure;
        } catch (Exception e) {
            RuntimeException wrapped = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            if (failure != null) {
                failure.addSuppressed(wrapped);
                return failure;
            }
            return wrapped;
        }
    }

    private static void deleteRecursively(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory fails no test
        }
    }

    /** The running server. */
    public AssistantsServer server() {
        if (server == null) {
            throw new IllegalStateException("no server: upstreamOnly() tests start theirs with newServer()");
        }
        return server;
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:8080/v1}. */
    public String baseUrl() {
        return server().baseUrl();
    }

    /** The fake upstream every model routes to. */
    public FakeUpstream upstream() {
        if (upstream == null) {
            throw new IllegalStateException("no fake upstream: use withFakeUpstream() or config(...)");
        }
        return upstream;
    }

    /** The temporary directory of this test (or class); the server's data is in its {@code data} folder. */
    public Path dir() {
        return dir;
    }

    /** Where the server keeps its data. */
    public Path dataDir() {
        return setup.options().dataDir();
    }

    /** What the server was started with. */
    public Setup serverSetup() {
        return setup;
    }

    /** The official openai-java client of the server, created on first use and closed with the server. */
    public OpenAIClient client() {
        if (client == null) {
            client = TestServer.client(server(), apiKey);
        }
        return client;
    }

    /** Raw HTTP for run-engine tests against the server, one per server. */
    public RunHttp runHttp() {
        if (runHttp == null || runHttpServer != server()) {
            runHttpServer = server();
            runHttp = new RunHttp(runHttpServer);
        }
        return runHttp;
    }

    /** Raw HTTP against the server, which can also read the server's SQLite file; one client per server. */
    HttpTestClient http() {
        if (http == null) {
            http = new HttpTestClient(server(), dataDir());
        }
        return http;
    }

    /**
     * Starts another server on the same data directory and config, which the caller closes; for tests that stop and
     * restart the server.
     */
    public AssistantsServer newServer() {
        return TestServer.start(setup);
    }

    /** As {@link #newServer()}, with {@code change} applied to the setup (another data directory, other timings). */
    public AssistantsServer newServer(UnaryOperator<Setup> change) {
        return TestServer.start(change.apply(setup));
    }

    /**
     * Closes the server (and the client) and starts another, managed as the first was, with {@code change} applied to
     * the setup; returns it.
     */
    public AssistantsServer restart(UnaryOperator<Setup> change) {
        RuntimeException failure = closeQuietly(client == null ? null : client::close, null);
        client = null;
        http = null;
        runHttp = null;
        failure = closeQuietly(server, failure);
        server = null;
        if (failure != null) {
            throw failure;
        }
        setup = change.apply(setup);
        server = TestServer.start(setup);
        return server;
    }

    /** Closes {@code closeable} after the test (or class), before the server; for the test's own clients. */
    public <T extends AutoCloseable> T closeAfter(T closeable) {
        extras.push(closeable);
        return closeable;
    }
}
