package dev.assistants4j.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The crash bench's killer: until the load is done or it has killed {@code maxKills} times, it waits a random 0.3–2.5
 * s after the server is ready, kills it with SIGKILL and starts it again on the same data dir, recording the
 * restart-to-ready time. Runs on one platform thread; read {@link #kills()} and {@link #failure()} after joining it.
 */
final class Killer implements Runnable {

    static final int MIN_PAUSE_MILLIS = 300;
    static final int MAX_PAUSE_MILLIS = 2500;

    private final ServerJvm server;
    private final int maxKills;
    private final Samples restarts;
    private final CountDownLatch loadDone;
    private int kills;
    private Exception failure;

    /**
     * @param restarts where each restart-to-ready time goes
     * @param loadDone counted down when the load is over: the killer stops at its next pause
     */
    Killer(ServerJvm server, int maxKills, Samples restarts, CountDownLatch loadDone) {
        this.server = server;
        this.maxKills = maxKills;
        this.restarts = restarts;
        this.loadDone = loadDone;
    }

    @Override
    public void run() {
        try {
            while (kills < maxKills) {
                long pause = ThreadLocalRandom.current().nextLong(MIN_PAUSE_MILLIS, MAX_PAUSE_MILLIS + 1);
                if (loadDone.await(pause, TimeUnit.MILLISECONDS)) {
                    return;
                }
                server.kill();
                kills++;
                long nanos = server.start();
                restarts.add(nanos);
                System.err.printf("crash bench: kill %d; ready again in %d ms%n", kills, nanos / 1_000_000);
            }
        } catch (InterruptedException | RuntimeException e) {
            failure = e;
        }
    }

    /** The kills made so far. */
    int kills() {
        return kills;
    }

    /** Why the killer stopped early (a restart that failed), or null. */
    Exception failure() {
        return failure;
    }
}
