package dev.assistants4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./assistants4j serve} started as its users start it: through the launcher script (its JDK check, its JVM
 * flags, the shaded jar, whatever it prepares before the JVM), on one data dir and one port, with a config routing
 * every model to an upstream. The launcher {@code exec}s the JVM, so the process spawned is the server's. Every start
 * appends to one log file (a redirect: no thread here reads a pipe). Not thread-safe.
 */
final class LaunchedServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(5);

    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;
    private int starts;

    private LaunchedServer(List<String> command, Path log, int port) {
        this.command = command;
        this.log = log;
        this.port = port;
    }

    /** A server (not started) launched by {@code launcher} on {@code dataDir}, its config and log in {@code work}. */
    static LaunchedServer create(Path launcher, Path work, Path dataDir, String upstreamBaseUrl) {
        try {
            Path config = Files.writeString(work.resolve("config.yaml"), ServerJvm.routingTo(upstreamBaseUrl));
            int port = ServerJvm.freePort();
            List<String> command = ServerJvm.launcherServe(launcher, port, dataDir, config);
            return new LaunchedServer(command, work.resolve("server.log"), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    String root() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Spawns the launcher and polls {@code GET /health/readiness} through {@code client} (so that the first request
     * after it reuses the connection, as a client of a restarted server would) until it answers 200.
     *
     * @return nanoseconds from the spawn to that answer
     */
    long start(BenchClient client) throws InterruptedException {
        starts++;
        try {
            long started = System.nanoTime();
            process = ServerJvm.spawn(
                    command, Map.of("ASSISTANTS4J_NO_INSTALL", "1"), log, "start bench: start " + starts);
            while (!ready(client, root() + "/health/readiness")) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited with " + process.exitValue() + "; log: " + log);
                }
                if (System.nanoTime() - started > READY_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("not ready within " + READY_TIMEOUT + "; log: " + log);
                }
                Thread.sleep(PROBE_INTERVAL);
            }
            return System.nanoTime() - started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the server", e);
        }
    }

    private static boolean ready(BenchClient client, String url) throws InterruptedException {
        try {
            client.getUrl(url);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The server's resident set size now, in bytes ({@code VmRSS} of {@code /proc/PID/status}). */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS for the server");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server as an operator does (SIGTERM) and waits until it is gone. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not stop within " + STOP_TIMEOUT + " of SIGTERM");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
