package dev.assistants4j.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as its users run it: {@code assistants4j serve} in a JVM of its own (this test JVM's java and class
 * path), on a free port, so that tests can idle it, send it SIGTERM or kill -9 it and start it again on the same data
 * directory. Its log is kept in a file (read by a platform thread, as a pipe read may block for the life of the
 * process). Not thread-safe.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("assistants4j listening on [^ ]+:(\\d+);");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code serve --data-dir dataDir --port 0} with {@code config} (a config.yaml's text, written to a
     * temporary directory with the log) and waits until it listens.
     *
     * @param jvmOptions extra JVM options, e.g. system properties
     */
    public static ServerProcess start(Path dataDir, String config, List<String> jvmOptions) {
        return start(dataDir, config, jvmOptions, List.of(), Map.of());
    }

    /**
     * As {@link #start(Path, String, List)}, with extra {@code serve} options (e.g. {@code --database-url URL}) and
     * extra environment variables (e.g. {@code ASSISTANTS4J_RUN_LEASE_SECONDS}).
     */
    public static ServerProcess start(
            Path dataDir, String config, List<String> jvmOptions, List<String> serveOptions, Map<String, String> env) {
        try {
            Path log = Files.createTempDirectory("server-process-").resolve("server.log");
            Process process = launch(dataDir, config, jvmOptions, serveOptions, env, log);
            return new ServerProcess(process, log, awaitPort(process, log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a {@code serve} that never listened ended: its exit status and its output (stdout and stderr). */
    public record Exited(int exitCode, String output) {}

    /**
     * Runs {@code serve} as {@link #start(Path, String, List, List, Map)} does, for a start expected to fail: waits
     * for the process to exit within {@code timeout}.
     *
     * @throws IllegalStateException when it listens or is still running after {@code timeout} (it is killed)
     */
    public static Exited exit(
            Path dataDir, String config, List<String> serveOptions, Map<String, String> env, Duration timeout) {
        try {
            Path log = Files.createTempDirectory("server-process-").resolve("server.log");
            Process process = launch(dataDir, config, List.of(), serveOptions, env, log);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("serve still ran after " + timeout + ":\n" + tail(log));
            }
            return new Exited(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code serve} with {@code config} written beside {@code log}, its output going to {@code log}. */
    private static Process launch(
            Path dataDir,
            String config,
            List<String> jvmOptions,
            List<String> serveOptions,
            Map<String, String> env,
            Path log)
            throws IOException {
        // the config and the log are not in the data dir, whose disk may fill
        Path configFile = Files.writeString(log.resolveSibling("config.yaml"), config);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED"); // the launcher's default flags
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of("serve", "--port", "0", "--data-dir", dataDir.toString()));
        command.addAll(List.of("--config", configFile.toString()));
        command.addAll(serveOptions);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.remove("ASSISTANTS4J_CONFIG");
        environment.remove("ASSISTANTS4J_MASTER_KEY");
        environment.remove("DATABASE_URL");
        environment.remove(dev.assistants4j.server.config.DatabaseConfig.RUN_LEASE_ENV);
        environment.putAll(env);
        return builder.start();
    }

    /** A config.yaml routing every model name to an OpenAI-compatible upstream at {@code baseUrl}. */
    public static String routingTo(String baseUrl) {
        return """
                model_list:
                  - model_name: "*"
                    litellm_params:
                      model: openai/*
                      api_base: %s
                      api_key: sk-upstream
                """.formatted(baseUrl);
    }

    private static int awaitPort(Process process, Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = LISTENING.matcher(Files.readString(log));
            if (matcher.find()) return Integer.parseInt(matcher.group(1));
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + " before listening:\n"
                        + Files.readString(log));
            }
            pause(Duration.ofMillis(50));
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not listen within " + START_TIMEOUT + ":\n" + tail(log));
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** What the server logged so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs. Waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGSTOP, as {@code kill -STOP}: the process freezes (a long GC pause, a suspended VM) until {@link #resume}. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT, as {@code kill -CONT}: a {@linkplain #pause paused} process goes on where it stopped. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as {@code kill} or a service manager's stop. */
    public void terminate() {
        process.destroy();
    }

    /** The exit status once the process ended within {@code timeout}; empty when it is still running. */
    public Optional<Integer> awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? Optional.of(process.exitValue())
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Stops the process for good (SIGKILL of it and its children, e.g. sandboxes). */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        kill();
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
