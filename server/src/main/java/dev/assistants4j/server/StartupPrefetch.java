package dev.assistants4j.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Libraries' one-time set-up that {@code serve} would otherwise do on its main thread, started on a thread of its own
 * as {@code serve} begins so that it overlaps with the main thread's work (what Spring Boot's background
 * pre-initializer does).
 *
 * <p>What, from CPU profiles of a start with the AOT cache (bench/start.sh): Jdbi's first statement registers its JFR
 * event with the flight recorder, which sets up the recorder's metadata (~65 ms of CPU), and Jetty's MIME types list
 * every locale (~35 ms): about a fifth of the main thread's CPU between {@code main} and listening. The main thread
 * needs them after the store has opened (~0.3 s in). What it needs sooner (sqlite-jdbc's date format, HikariCP's
 * proxy and random UUID) it reached while this thread was still at it, doing the same work twice, so it is not here.
 *
 * <p>Each is a class initialisation: when the main thread gets there first it waits for this thread's initialisation
 * to end; nothing runs twice, and the order does not matter. A failure here is only logged at debug level: the main
 * thread meets the same code and reports whatever matters.
 */
final class StartupPrefetch {

    private static final Logger LOG = LoggerFactory.getLogger(StartupPrefetch.class);

    /** In the order the main thread needs them. */
    private static final String[] CLASSES = {
        "org.jdbi.v3.core.statement.internal.JfrSupport", "org.eclipse.jetty.http.MimeTypes",
    };

    private StartupPrefetch() {}

    /** Starts the prefetch on a daemon thread and returns at once. */
    static void start() {
        Thread.ofPlatform().daemon().name("startup-prefetch").start(StartupPrefetch::run);
    }

    private static void run() {
        long started = System.nanoTime();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, StartupPrefetch.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("Start-up prefetch of {} failed", name, e);
            }
        }
        LOG.debug("Start-up prefetch done in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}
