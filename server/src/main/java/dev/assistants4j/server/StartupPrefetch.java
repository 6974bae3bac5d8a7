package dev.assistants4j.server;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Libraries' one-time set-up that {@code serve} would otherwise do on its main thread, started on a thread of its own
 * as {@code serve} begins so that it overlaps with the main thread's work (what Spring Boot's background
 * pre-initializer does).
 *
 * <p>What, from CPU profiles of a start with the AOT cache (bench/start.sh): sqlite-jdbc's connection settings build a
 * date format (calendar and locale data, ~25 ms of CPU); HikariCP's first connection seeds a {@code SecureRandom} for
 * a UUID (~10 ms) and its first close makes a dynamic proxy (~15 ms); Jdbi's first statement registers its JFR event
 * with the flight recorder, which sets up the recorder's metadata (~65 ms); Jetty's MIME types list every locale (~35
 * ms). Together about a third of the main thread's CPU between {@code main} and listening.
 *
 * <p>Each is a class initialisation or a JDK cache: when the main thread gets there first it waits for this thread's
 * initialisation to end, or does the work itself; nothing runs twice, and the order does not matter. A failure here is
 * only logged at debug level: the main thread meets the same code and reports whatever matters.
 */
final class StartupPrefetch {

    private static final Logger LOG = LoggerFactory.getLogger(StartupPrefetch.class);

    /** In the order the main thread needs them. */
    private static final String[] CLASSES = {
        "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection",
        "org.jdbi.v3.core.statement.internal.JfrSupport",
        "org.eclipse.jetty.http.MimeTypes",
    };

    private StartupPrefetch() {}

    /** Starts the prefetch on a daemon thread and returns at once. */
    static void start() {
        Thread.ofPlatform().daemon().name("startup-prefetch").start(StartupPrefetch::run);
    }

    private static void run() {
        long started = System.nanoTime();
        attempt(
                "sqlite-jdbc's settings",
                () -> Class.forName("org.sqlite.SQLiteConfig").getConstructor().newInstance());
        attempt("a random UUID", UUID::randomUUID);
        for (String name : CLASSES) {
            attempt(name, () -> Class.forName(name, true, StartupPrefetch.class.getClassLoader()));
        }
        LOG.debug("Start-up prefetch done in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static void attempt(String what, Step step) {
        try {
            step.run();
        } catch (Exception | LinkageError e) {
            LOG.debug("Start-up prefetch of {} failed", what, e);
        }
    }

    @FunctionalInterface
    private interface Step {
        Object run() throws Exception;
    }
}
