package dev.assistants4j.server;

import dev.assistants4j.server.config.ConfigException;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.store.DatabaseUrl;
import dev.assistants4j.store.StoreOpenException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line: {@code assistants4j serve [--host] [--port] [--config] [--data-dir] [--database-url]}, and the
 * operators' {@code keys create|list|revoke} and {@code teams create|list} ({@link AdminCommands}).
 */
@Command(
        name = "assistants4j",
        mixinStandardHelpOptions = true,
        version = "assistants4j 0.1.0",
        description = "A self-hosted OpenAI Assistants API v2 server on any model.",
        subcommands = {Main.Serve.class, AdminCommands.Keys.class, AdminCommands.Teams.class, Main.TrainStartup.class})
public final class Main implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    /**
     * Lucene logs through java.util.logging, which would print two lines to stderr at start (that its SIMD vector
     * support is on); only its warnings are worth a line. Held here: JUL keeps its loggers only weakly.
     */
    private static final java.util.logging.Logger LUCENE = java.util.logging.Logger.getLogger("org.apache.lucene");

    /**
     * Lucene warns at every start that the Vector API's incubator module is not readable; the launcher leaves it out
     * on purpose (it disables the AOT cache's class linking; {@code ASSISTANTS4J_VECTOR_SIMD=1} adds it), so that
     * warning is kept only when the module is there and still not used.
     */
    private static final java.util.logging.Logger LUCENE_VECTORS =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    static {
        LUCENE.setLevel(java.util.logging.Level.WARNING);
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    /** How long a stop may take before the process halts. */
    static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(20);

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            StartupPrefetch.start();
            Optional<Serve> serve = ServeArguments.parse(Arrays.copyOfRange(args, 1, args.length));
            if (serve.isPresent()) {
                System.exit(serve(serve.get()));
            }
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** Runs {@code serve} as picocli's {@code execute} would: its exit code, or 1 with the trace of what it threw. */
    private static int serve(Serve serve) {
        try {
            return serve.call();
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * The launcher's training run of its start-up cache ({@link StartupTraining}); hidden: not a command for people.
     */
    @Command(name = "train-startup", hidden = true, description = "Serve a short training workload, then exit.")
    static final class TrainStartup implements Callable<Integer> {

        @Override
        public Integer call() throws Exception {
            StartupTraining.run();
            return 0;
        }
    }

    /** Starts the server and blocks until the process is stopped. */
    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the API server.")
    static final class Serve implements Callable<Integer> {

        static final String DEFAULT_PORT = "8080";
        static final String DEFAULT_DATA_DIR = "./data";
        static final String DEFAULT_MAX_REQUEST_BYTES = "" + ServerOptions.DEFAULT_MAX_REQUEST_BYTES;

        @Option(
                names = "--host",
                description = "Address to bind. Default: 0.0.0.0 with a master key, 127.0.0.1 without one.")
        String host;

        @Option(
                names = "--port",
                defaultValue = DEFAULT_PORT,
                description = "Port to listen on (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(
                names = "--config",
                description = "LiteLLM-style config.yaml (default: $ASSISTANTS4J_CONFIG; none: route every model"
                        + " to $OPENAI_BASE_URL).")
        Path config;

        @Option(
                names = "--data-dir",
                defaultValue = DEFAULT_DATA_DIR,
                description = "Directory for the database and files (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(
                names = "--database-url",
                description = "PostgreSQL database to keep objects in, shared by several nodes:"
                        + " postgresql://USER[:PASSWORD]@HOST:PORT/DB (default: general_settings.database_url, else"
                        + " $DATABASE_URL, else a SQLite file in the data dir).")
        String databaseUrl;

        @Option(
                names = "--max-request-bytes",
                defaultValue = DEFAULT_MAX_REQUEST_BYTES,
                description = "Largest accepted request body (default: ${DEFAULT-VALUE}).")
        long maxRequestBytes;

        @Override
        public Integer call() throws InterruptedException {
            ServerConfig serverConfig;
            try {
                serverConfig = loadConfig(System.getenv());
                if (databaseUrl != null) {
                    serverConfig =
                            serverConfig.withDatabase(serverConfig.database().withUrl(DatabaseUrl.parse(databaseUrl)));
                }
            } catch (ConfigException e) {
                System.err.println("assistants4j: invalid configuration: " + e.getMessage());
                return 2;
            } catch (IllegalArgumentException e) {
                System.err.println("assistants4j: invalid --database-url: " + e.getMessage());
                return 2;
            }
            String bindHost = host != null ? host : serverConfig.masterKey().isPresent() ? "0.0.0.0" : "127.0.0.1";
            AssistantsServer server;
            try {
                server = AssistantsServer.builder()
                        .options(new ServerOptions(bindHost, port, dataDir, maxRequestBytes))
                        .config(serverConfig)
                        .start();
            } catch (StoreOpenException e) {
                System.err.println("assistants4j: " + e.getMessage());
                return 1;
            }
            announce(server, serverConfig, bindHost);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                Thread.ofPlatform()
                                        .daemon()
                                        .name("shutdown-watchdog")
                                        .start(Serve::haltIfStillStopping);
                                server.close();
                                stopped.countDown();
                            },
                            "shutdown"));
            stopped.await();
            return 0;
        }

        /**
         * A stop (SIGTERM) must end the process in bounded time even if something does not close (a stuck upstream, a
         * sandbox that does not die): runs left unfinished are recovered at the next start, as after a crash.
         */
        private static void haltIfStillStopping() {
            try {
                Thread.sleep(SHUTDOWN_LIMIT);
            } catch (InterruptedException e) {
                return;
            }
            LOG.error("The server did not stop within {} s; halting", SHUTDOWN_LIMIT.toSeconds());
            Runtime.getRuntime().halt(1);
        }

        private ServerConfig loadConfig(Map<String, String> env) {
            Path file = config;
            if (file == null && env.get("ASSISTANTS4J_CONFIG") != null) {
                file = Path.of(env.get("ASSISTANTS4J_CONFIG"));
            }
            return file == null ? ConfigLoader.defaults(env) : ConfigLoader.load(file, env);
        }

        private void announce(AssistantsServer server, ServerConfig serverConfig, String bindHost) {
            LOG.info(
                    "assistants4j listening on {}:{}; API base URL {} (data in {}, objects in {})",
                    bindHost,
                    server.port(),
                    server.baseUrl(),
                    dataDir.toAbsolutePath(),
                    serverConfig.database());
            if (serverConfig.models().isEmpty()) {
                LOG.info(
                        "No model_list configured: every model name is sent to {}",
                        serverConfig.fallback().flatMap(r -> r.apiBase()).orElse("the OpenAI API"));
            } else {
                LOG.info("Routing {} configured model(s)", serverConfig.models().size());
            }
            boolean loopback = bindHost.equals("127.0.0.1") || bindHost.equals("localhost") || bindHost.equals("::1");
            if (serverConfig.masterKey().isEmpty() && loopback) {
                LOG.warn(
                        "No master key configured: listening on {} only. Set general_settings.master_key (or"
                                + " ASSISTANTS4J_MASTER_KEY) to require a key, or pass --host to bind elsewhere.",
                        bindHost);
            } else if (serverConfig.masterKey().isEmpty()) {
                LOG.warn(
                        "No master key configured and bound to {}: anyone who can reach this port can use the API.",
                        bindHost);
            }
        }
    }
}
