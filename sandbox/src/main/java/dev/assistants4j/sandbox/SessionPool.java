package dev.assistants4j.sandbox;

import dev.assistants4j.core.Json;
import dev.assistants4j.core.code.CodeExecution;
import dev.assistants4j.core.code.CodeExecution.Status;
import dev.assistants4j.core.code.CodeInterpreterSettings;
import dev.assistants4j.core.code.InputFile;
import dev.assistants4j.core.code.SessionKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of a code interpreter: opened on first use, reused, closed when idle too long or when the least
 * recently used must make room, with a few pre-started drivers kept warm. Thread-safe.
 */
final class SessionPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionPool.class);
    static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Launcher launcher;
    private final SessionLimits limits;
    private final CodeInterpreterSettings settings;
    private final SandboxOptions options;
    private final SessionFiles files;
    private final String limitsJson;
    private final Map<SessionKey, Session> sessions = new HashMap<>();
    private final Deque<Driver> warm = new ArrayDeque<>();
    private final ExecutorService warmer;
    private final ScheduledExecutorService sweeper;
    private boolean refilling;
    private volatile boolean closed;

    /** Takes over {@code limits}: closing the pool closes them. */
    SessionPool(
            Launcher launcher,
            SessionLimits limits,
            CodeInterpreterSettings settings,
            SandboxOptions options,
            SessionFiles files) {
        this.launcher = launcher;
        this.limits = limits;
        this.settings = settings;
        this.options = options;
        this.files = files;
        this.limitsJson = limitsJson(launcher, settings);
        this.warmer = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("a4j-sandbox-warm").daemon().factory());
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("a4j-sandbox-sweep").daemon().factory());
        long period = Math.max(10, Math.min(30_000, settings.idleExpiry().toMillis() / 4));
        sweeper.scheduleWithFixedDelay(this::expireIdle, period, period, TimeUnit.MILLISECONDS);
    }

    private static String limitsJson(Launcher launcher, CodeInterpreterSettings settings) {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("memoryBytes", settings.memoryBytes());
        if (launcher.limitsProcesses()) limits.put("maxProcesses", settings.maxProcesses());
        limits.put("maxFileBytes", settings.maxFileBytes());
        limits.put("ownPidNamespace", launcher.ownPidNamespace());
        try {
            return Json.MAPPER.writeValueAsString(limits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts one driver to prove that sessions can start here, and keeps it warm (or stops it when none are kept).
     *
     * @throws IOException when it cannot start, with the reason
     */
    void start() throws IOException {
        Path dir = files.newDataDir();
        Driver first;
        try {
            first = Driver.start(launcher, limits, dir, limitsJson, START_TIMEOUT);
        } catch (IOException e) {
            files.delete(dir);
            throw e;
        }
        if (options.warmSessions() == 0) {
            discard(first);
            return;
        }
        synchronized (this) {
            refilling = true;
        }
        warmer.execute(() -> {
            first.preload(options.preloadModules(), START_TIMEOUT);
            addWarm(first);
            refill();
        });
    }

    CodeExecution execute(SessionKey key, String code, List<InputFile> inputFiles) {
        long started = System.nanoTime();
        for (int attempt = 0; attempt < 3; attempt++) {
            Session session = open(key);
            if (session == null) {
                return rejected(started, closed ? "The code interpreter is shut down." : busyMessage());
            }
            session.lock.lock();
            try {
                if (session.closed) continue; // expired or evicted just now: open it again
                return run(session, code, inputFiles, started);
            } finally {
                session.lastUsedNanos = System.nanoTime();
                session.lock.unlock();
            }
        }
        return rejected(started, busyMessage());
    }

    private String busyMessage() {
        return "All " + settings.maxSessions() + " code interpreter sessions are busy; try again later.";
    }

    private CodeExecution run(Session session, String code, List<InputFile> inputFiles, long started) {
        Driver driver = session.driver;
        if (!launcher.privateDataDir()) files.place(session.dataDir, inputFiles);
        if (driver == null || !driver.alive()) {
            if (driver != null) retire(session, driver);
            try {
                driver = Driver.start(launcher, limits, session.dataDir, limitsJson, START_TIMEOUT);
            } catch (IOException e) {
                log.warn("code interpreter session could not start: {}", e.getMessage());
                return rejected(started, "The code interpreter could not start a session; try again later.");
            }
            session.driver = driver;
            restoreLeftover(session, driver);
        }
        Optional<SandboxData> data = driver.data();
        if (data.isPresent()) {
            try {
                files.place(driver, data.get(), inputFiles);
            } catch (UncheckedIOException e) {
                log.debug("input files not placed: {}", e.getCause().toString());
                return notPlaced(started);
            }
        }
        Driver.Outcome outcome =
                driver.run(code, settings.wallTimeout(), settings.cpuTime(), settings.maxOutputBytes());
        SessionFiles.Collected collected = data.isPresent()
                ? files.collect(data.get()::read, outcome.files(), outcome.images())
                : files.collect(session.dataDir, outcome.files(), outcome.images());
        if (outcome.status() != Status.COMPLETED && outcome.status() != Status.FAILED) {
            retire(session, driver);
            session.driver = null;
        }
        String logs = collected.notes().isEmpty() ? outcome.logs() : outcome.logs() + collected.notes();
        return new CodeExecution(
                outcome.status(),
                logs,
                outcome.truncated(),
                outcome.error(),
                collected.files(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Kills the session's driver, keeping its private {@code /mnt/data} for the next one. Under the lock. */
    private static void retire(Session session, Driver driver) {
        driver.detachData().ifPresent(data -> {
            if (session.leftover != null) session.leftover.close();
            session.leftover = data;
        });
        driver.kill();
    }

    /** Copies the files a retired driver left into {@code driver}'s {@code /mnt/data}. Under the lock. */
    private void restoreLeftover(Session session, Driver driver) {
        SandboxData leftover = session.leftover;
        session.leftover = null;
        Optional<SandboxData> data = driver.data();
        if (leftover == null || data.isEmpty()) return;
        try {
            files.restore(leftover, driver, data.get());
        } catch (IOException | RuntimeException e) {
            log.warn("could not carry a session's files over to its restarted interpreter: {}", e.toString());
        } finally {
            leftover.close();
        }
    }

    private CodeExecution notPlaced(long started) {
        String error = "The input files could not be placed in /mnt/data (the files of a session may take at most "
                + (settings.maxSessionBytes() >> 20) + " MiB in all).";
        return new CodeExecution(
                Status.FAILED, "", false, Optional.of(error), List.of(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static CodeExecution rejected(long started, String message) {
        return new CodeExecution(
                Status.REJECTED,
                "",
                false,
                Optional.of(message),
                List.of(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The session of {@code key}, opened (and room made for it) if needed; null when closed or all are busy. */
    private Session open(SessionKey key) {
        Session victim = null;
        Session session;
        synchronized (this) {
            if (closed) return null;
            session = sessions.get(key);
            if (session != null) {
                session.lastUsedNanos = System.nanoTime();
                return session;
            }
            if (sessions.size() >= settings.maxSessions()) {
                victim = sessions.values().stream()
                        .filter(s -> !s.lock.isLocked())
                        .min(Comparator.comparingLong(s -> s.lastUsedNanos))
                        .orElse(null);
                if (victim == null) return null;
                sessions.remove(victim.key);
            }
            Driver driver = warm.pollFirst();
            Path dir = driver != null ? driver.dataDir() : files.newDataDir();
            session = new Session(key, dir, driver);
            sessions.put(key, session);
        }
        if (victim != null) {
            log.debug("evicting the least recently used code interpreter session");
            closeSession(victim);
        }
        refillLater();
        return session;
    }

    void closeSession(SessionKey key) {
        Session session;
        synchronized (this) {
            session = sessions.remove(key);
        }
        if (session != null) closeSession(session);
    }

    /** Kills the session's interpreter at once (ending an execution in progress), then removes its files. */
    private void closeSession(Session session) {
        Driver running = session.driver;
        if (running != null) running.kill();
        session.lock.lock();
        try {
            session.closed = true;
            if (session.driver != null) session.driver.kill();
            session.driver = null;
            if (session.leftover != null) session.leftover.close();
            session.leftover = null;
            files.delete(session.dataDir);
        } finally {
            session.lock.unlock();
        }
    }

    synchronized int openSessions() {
        return sessions.size();
    }

    /** The most memory the sandbox of {@code key}'s session has held so far, when it runs and that is known. */
    OptionalLong peakMemoryBytes(SessionKey key) {
        Session session;
        synchronized (this) {
            session = sessions.get(key);
        }
        Driver driver = session == null ? null : session.driver;
        return driver == null ? OptionalLong.empty() : driver.peakMemoryBytes();
    }

    private void expireIdle() {
        long limit = System.nanoTime() - settings.idleExpiry().toNanos();
        List<Session> expired = new ArrayList<>();
        synchronized (this) {
            sessions.values().removeIf(s -> s.idleSince(limit) && expired.add(s));
        }
        for (Session session : expired) {
            log.debug("closing an idle code interpreter session");
            closeSession(session);
        }
    }

    private void refillLater() {
        synchronized (this) {
            if (refilling || closed || warm.size() >= options.warmSessions()) return;
            refilling = true;
        }
        warmer.execute(this::refill);
    }

    private void refill() {
        try {
            while (true) {
                synchronized (this) {
                    if (closed || warm.size() >= options.warmSessions()) return;
                }
                Path dir = files.newDataDir();
                Driver driver = Driver.start(launcher, limits, dir, limitsJson, START_TIMEOUT);
                driver.preload(options.preloadModules(), START_TIMEOUT);
                addWarm(driver);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not pre-start a code interpreter session: {}", e.getMessage());
        } finally {
            synchronized (this) {
                refilling = false;
            }
        }
    }

    private void addWarm(Driver driver) {
        synchronized (this) {
            if (!closed && driver.alive()) {
                warm.addLast(driver);
                return;
            }
        }
        discard(driver);
    }

    private void discard(Driver driver) {
        driver.kill();
        files.delete(driver.dataDir());
    }

    /** Waits until a pre-started driver is ready (for benchmarks and tests); false when none is within the time. */
    boolean awaitWarm(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (!warm.isEmpty()) return true;
                if (closed || options.warmSessions() == 0) return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        List<Session> open;
        List<Driver> idle;
        synchronized (this) {
            if (closed) return;
            closed = true;
            open = new ArrayList<>(sessions.values());
            sessions.clear();
            idle = new ArrayList<>(warm);
            warm.clear();
        }
        sweeper.shutdownNow();
        warmer.shutdownNow();
        open.forEach(this::closeSession);
        idle.forEach(this::discard);
        try {
            warmer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        files.close();
        limits.close();
    }
}
