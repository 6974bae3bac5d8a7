package dev.assistants4j.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.code.CodeExecution.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running driver process (one Python interpreter with its namespace) bound to a data directory. Not thread-safe:
 * its session serialises executions.
 */
final class Driver {

    private static final Logger log = LoggerFactory.getLogger(Driver.class);
    private static final int MAX_MESSAGE_BYTES = 256 << 20;
    private static final String LOST = "The session's state (variables, imports) was lost; the files in /mnt/data"
            + " are kept, and the next execution starts a fresh interpreter.";
    private static final JsonNode EOF = Json.MAPPER.createObjectNode().put("type", "eof");

    private final Process process;
    private final Path dataDir;
    private final SessionLimits.Group group;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final StringBuilder stderrTail = new StringBuilder();
    private final OutputStream requests;
    /** The sandbox's own {@code /mnt/data}, when it has one; set once started. */
    private volatile SandboxData data;

    private Driver(Process process, Path dataDir, SessionLimits.Group group) {
        this.process = process;
        this.dataDir = dataDir;
        this.group = group;
        this.requests = process.getOutputStream();
        // Platform threads: a pipe read blocks in native code and would hold a virtual thread's carrier for as long
        // as the driver lives (idle sessions included), until no carrier is left to run the server's requests.
        Thread.ofPlatform().daemon().name("a4j-driver-out-" + process.pid()).start(this::readMessages);
        Thread.ofPlatform().daemon().name("a4j-driver-err-" + process.pid()).start(this::readStderr);
    }

    /**
     * Starts the driver for {@code dataDir}, its processes in a new group of {@code limits}, and waits until it is
     * ready.
     *
     * @throws IOException when it cannot be started or does not become ready within {@code timeout}, with what it
     *     wrote to stderr (bubblewrap explains its failures there)
     */
    static Driver start(Launcher launcher, SessionLimits limits, Path dataDir, String limitsJson, Duration timeout)
            throws IOException {
        SessionLimits.Group group = limits.open();
        Process process;
        try {
            process = launcher.builder(dataDir, limitsJson, group.joinFiles()).start();
        } catch (IOException | RuntimeException e) {
            group.close();
            throw e;
        }
        group.started(process.toHandle());
        Driver driver = new Driver(process, dataDir, group);
        JsonNode ready = driver.next(System.nanoTime() + timeout.toNanos());
        if (ready == null || !"ready".equals(ready.path("type").asText())) {
            driver.kill();
            String reason = ready == null ? "did not start within " + timeout.toMillis() + " ms" : "failed to start";
            throw new IOException(
                    "the sandbox " + reason + ": " + driver.stderrTail().strip());
        }
        if (launcher.privateDataDir()) {
            try {
                driver.data = SandboxData.open(driver.sandboxPid());
            } catch (IOException | RuntimeException e) {
                driver.kill();
                throw new IOException("cannot reach the sandbox's /mnt/data: " + e.getMessage(), e);
            }
        }
        return driver;
    }

    /** The host pid of a process inside the sandbox (in its mount namespace), while it waits for a request. */
    private long sandboxPid() throws IOException {
        Path own = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt"));
        for (ProcessHandle handle : process.descendants().toList()) {
            try {
                Path ns = Files.readSymbolicLink(Path.of("/proc", Long.toString(handle.pid()), "ns/mnt"));
                if (!ns.equals(own) && handle.isAlive()) return handle.pid();
            } catch (IOException e) {
                // gone meanwhile
            }
        }
        throw new IOException("no process of the sandbox found");
    }

    /**
     * Hands the sandbox's own {@code /mnt/data} over to the caller (who must close it), so that its files outlive
     * this driver; empty when it has none.
     */
    Optional<SandboxData> detachData() {
        SandboxData detached = data;
        data = null;
        return Optional.ofNullable(detached);
    }

    /** The sandbox's own {@code /mnt/data}, when it has one (see {@link Launcher#privateDataDir()}). */
    Optional<SandboxData> data() {
        return Optional.ofNullable(data);
    }

    /**
     * Asks the driver to make {@code dirs}, then (re)create {@code names} as empty regular files in
     * {@code /mnt/data}, as the sandbox user (the only one who may create files there), for the host to fill through
     * {@link #data()}.
     *
     * @throws IOException when the driver could not, with its reason
     */
    void create(List<String> dirs, List<String> names, Duration timeout) throws IOException {
        ObjectNode request = Json.MAPPER.createObjectNode().put("op", "create");
        dirs.forEach(request.putArray("dirs")::add);
        names.forEach(request.putArray("names")::add);
        if (!send(request)) throw new IOException("the interpreter is not running");
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode message;
        while ((message = next(deadline)) != null && message != EOF) {
            if ("created".equals(message.path("type").asText())) {
                JsonNode error = message.path("error");
                if (error.isTextual()) throw new IOException(error.asText());
                return;
            }
        }
        throw new IOException("the interpreter did not answer");
    }

    Path dataDir() {
        return dataDir;
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The most memory this driver's sandbox has held, when known. */
    OptionalLong peakMemoryBytes() {
        return group.peakMemoryBytes();
    }

    /** Asks the driver to import {@code modules}, and waits (up to {@code timeout}) until it has. */
    boolean preload(List<String> modules, Duration timeout) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("op", "preload");
        modules.forEach(request.putArray("modules")::add);
        if (!send(request)) return false;
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode message;
        while ((message = next(deadline)) != null && message != EOF) {
            if ("preloaded".equals(message.path("type").asText())) return true;
        }
        return false;
    }

    /** Runs one cell; on a timeout or crash the caller kills this driver and never uses it again. */
    Outcome run(String code, Duration wallTimeout, Duration cpuTime, int maxOutputBytes) {
        long deadline = System.nanoTime() + wallTimeout.toNanos();
        Logs logs = new Logs(maxOutputBytes);
        ObjectNode request = Json.MAPPER
                .createObjectNode()
                .put("op", "exec")
                .put("code", code)
                .put("cpuSeconds", Math.max(1, cpuTime.toSeconds()))
                .put("maxOutputBytes", maxOutputBytes);
        if (!send(request)) return crashed(logs);
        while (true) {
            JsonNode message = next(deadline);
            if (message == null && Thread.currentThread().isInterrupted()) {
                return Outcome.failure(Status.CANCELLED, logs, "Execution was cancelled. " + LOST);
            }
            if (message == null) return Outcome.failure(Status.TIMED_OUT, logs, timeoutMessage(wallTimeout));
            switch (message.path("type").asText()) {
                case "log" -> logs.append(message.path("data").asText());
                case "result" -> {
                    return completed(message, logs);
                }
                case "eof" -> {
                    return crashed(logs);
                }
                default -> {
                    // "preloaded" of a warm driver's preload: nothing to do
                }
            }
        }
    }

    private Outcome completed(JsonNode result, Logs logs) {
        logs.total(result.path("outputBytes").asLong());
        List<byte[]> images = new ArrayList<>();
        result.path("images").forEach(image -> images.add(Base64.getDecoder().decode(image.asText())));
        List<String> files = new ArrayList<>();
        result.path("files").forEach(file -> files.add(file.asText()));
        JsonNode error = result.path("error");
        Optional<String> message = error.isTextual() ? Optional.of(error.asText()) : Optional.empty();
        Status status = message.isPresent() ? Status.FAILED : Status.COMPLETED;
        return new Outcome(status, logs.text(), logs.truncated(), message, files, images);
    }

    private Outcome crashed(Logs logs) {
        waitFor(Duration.ofSeconds(2));
        String exit = process.isAlive() ? "stopped answering" : "exited with status " + process.exitValue();
        if (!process.isAlive() && process.exitValue() == 137) exit += " (killed, for instance for its memory)";
        return Outcome.failure(Status.CRASHED, logs, "The Python process " + exit + ". " + LOST);
    }

    private static String timeoutMessage(Duration wallTimeout) {
        return "Execution timed out after " + wallTimeout.toSeconds() + " s and was stopped. " + LOST;
    }

    /** Kills the driver and everything it started, and waits briefly for it to go. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(5));
        group.close();
        SandboxData open = data;
        data = null;
        if (open != null) open.close();
        try {
            requests.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private void waitFor(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean send(ObjectNode request) {
        try {
            requests.write((Json.MAPPER.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            requests.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The next message, {@link #EOF} once the driver's output ended, or null when the deadline passed. */
    private JsonNode next(long deadline) {
        try {
            long wait = deadline - System.nanoTime();
            JsonNode message = wait > 0 ? messages.poll(wait, TimeUnit.NANOSECONDS) : messages.poll();
            if (message == EOF) messages.add(EOF); // every later read sees the end too
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void readMessages() {
        try (InputStream in = process.getInputStream()) {
            BoundedLineReader reader = new BoundedLineReader(in, MAX_MESSAGE_BYTES);
            String line;
            while ((line = reader.readLine()) != null) {
                messages.add(Json.MAPPER.readTree(line));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("driver {} output ended: {}", process.pid(), e.toString());
            process.destroyForcibly();
        } finally {
            messages.add(EOF);
        }
    }

    private void readStderr() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getErrorStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (stderrTail) {
                    stderrTail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (stderrTail.length() > 4096) stderrTail.delete(0, stderrTail.length() - 4096);
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    String stderrTail() {
        synchronized (stderrTail) {
            return stderrTail.toString();
        }
    }

    /** What one cell produced, before output files are read from the data directory. */
    record Outcome(
            Status status,
            String logs,
            boolean truncated,
            Optional<String> error,
            List<String> files,
            List<byte[]> images) {

        static Outcome failure(Status status, Logs logs, String message) {
            return new Outcome(status, logs.text(), logs.truncated(), Optional.of(message), List.of(), List.of());
        }
    }
}
