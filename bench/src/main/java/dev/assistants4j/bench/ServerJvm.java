package dev.assistants4j.bench;

import dev.assistants4j.server.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code assistants4j serve} in a JVM of its own, as its users run it (this JVM's java and class path, the bench jar),
 * that the crash bench kills with SIGKILL and starts again on the same data directory and the same port (chosen once,
 * so clients keep their base URL). Every start appends to one log file (a file redirect: no thread of this JVM reads a
 * pipe), after a line that marks the start. Not thread-safe: only the killer (and, before and after it, the main
 * thread) starts and kills it.
 */
final class ServerJvm implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(10);

    private static final Pattern NODE_ID = Pattern.compile("Node (\\S+) shares runs");

    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private final CrashHttp probe;
    private Process process;
    private int starts;

    private ServerJvm(List<String> command, Path log, int port, Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.command = command;
        this.log = log;
        this.port = port;
        this.probe = new CrashHttp(root());
    }

    /**
     * A server (not started yet) on {@code dataDir}, with a config in {@code work} routing every model to {@code
     * upstreamBaseUrl}, its log in {@code work/server.log}.
     */
    static ServerJvm create(Path work, Path dataDir, String upstreamBaseUrl) {
        return create(work, "server", dataDir, upstreamBaseUrl, List.of(), List.of(), Map.of());
    }

    /**
     * A node named {@code name} (not started yet) on {@code dataDir}, with extra {@code serve} options (e.g. {@code
     * --database-url}), JVM options and environment variables, its log in {@code work/<name>.log}.
     */
    static ServerJvm create(
            Path work,
            String name,
            Path dataDir,
            String upstreamBaseUrl,
            List<String> jvmOptions,
            List<String> serveOptions,
            Map<String, String> env) {
        try {
            Path config = Files.writeString(work.resolve("config.yaml"), routingTo(upstreamBaseUrl));
            int port = freePort();
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add("--enable-native-access=ALL-UNNAMED"); // the launcher's default flags
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of("serve", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
            command.addAll(List.of("--config", config.toString()));
            command.addAll(serveOptions);
            return new ServerJvm(List.copyOf(command), work.resolve(name + ".log"), port, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server (not started yet) on {@code dataDir} started as its users start it: by the launcher script {@code
     * launcher} ({@code ./assistants4j serve}, with the launcher's JVM flags and its jar), with a config in {@code
     * work} routing every model to {@code upstreamBaseUrl}, the environment variables {@code env} (e.g. {@code
     * JDK_JAVA_OPTIONS} for a GC log), its log in {@code work/server.log}. The launcher ends in {@code exec java}, so
     * the process is the server's JVM.
     */
    static ServerJvm launched(Path work, Path launcher, Path dataDir, String upstreamBaseUrl, Map<String, String> env) {
        try {
            Path config = Files.writeString(work.resolve("config.yaml"), routingTo(upstreamBaseUrl));
            int port = freePort();
            return new ServerJvm(launcherServe(launcher, port, dataDir, config), work.resolve("server.log"), port, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <launcher> serve} on {@code port} and {@code dataDir} with the config file {@code config}. */
    static List<String> launcherServe(Path launcher, int port, Path dataDir, Path config) {
        return List.of(
                launcher.toString(),
                "serve",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dataDir.toString(),
                "--config",
                config.toString());
    }

    /** A config.yaml routing every model name to an OpenAI-compatible upstream at {@code baseUrl}. */
    static String routingTo(String baseUrl) {
        return """
                model_list:
                  - model_name: "*"
                    litellm_params:
                      model: openai/*
                      api_base: %s
                      api_key: sk-crash-bench
                """.formatted(baseUrl);
    }

    /** A port free on the loopback interface now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** {@code http://127.0.0.1:<port>}: the same across restarts. */
    String root() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Starts {@code command} with its output appended to {@code log} after a line naming {@code start}, without the
     * caller's server settings (config, master key, database URL) and with {@code env} added.
     */
    static Process spawn(List<String> command, Map<String, String> env, Path log, String start) throws IOException {
        Files.writeString(
                log,
                "--- " + start + " at " + Instant.now() + " ---\n",
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("ASSISTANTS4J_CONFIG");
        builder.environment().remove("ASSISTANTS4J_MASTER_KEY");
        builder.environment().remove("DATABASE_URL");
        builder.environment().putAll(env);
        return builder.start();
    }

    Path log() {
        return log;
    }

    /**
     * Starts the server and waits until {@code GET /health/readiness} answers 200.
     *
     * @return nanoseconds from the process start to that answer
     * @throws IllegalStateException when the process exits first or is not ready within two minutes
     */
    long start() throws InterruptedException {
        starts++;
        try {
            long started = System.nanoTime();
            process = spawn(command, env, log, "crash bench: start " + starts);
            awaitReady(started);
            return System.nanoTime() - started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the server", e);
        }
    }

    private void awaitReady(long started) throws InterruptedException {
        while (!probe.ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the server exited with " + process.exitValue() + " before it was ready; log: " + log);
            }
            if (System.nanoTime() - started > READY_TIMEOUT.toNanos()) {
                throw new IllegalStateException("the server was not ready within " + READY_TIMEOUT + "; log: " + log);
            }
            Thread.sleep(PROBE_INTERVAL);
        }
    }

    /** SIGKILL (as {@code kill -9}) of the server and of its descendants; waits until the server is gone. */
    void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the server did not exit within " + EXIT_TIMEOUT + " of SIGKILL");
        }
    }

    /** The process id of the last start. */
    long pid() {
        return process.pid();
    }

    /**
     * SIGTERM: the server shuts down as on Ctrl-C (a JFR recording started with {@code -XX:StartFlightRecording} is
     * written); SIGKILL if it has not exited within 30 s.
     */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
    }

    /** Whether the process of the last start is alive. */
    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The node id the last start logged (a node on a shared database), or null. */
    String nodeId() {
        try {
            String text = Files.readString(log);
            Matcher matcher = NODE_ID.matcher(text.substring(text.lastIndexOf("--- crash bench: start")));
            return matcher.find() ? matcher.group(1) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the server if it runs. */
    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
