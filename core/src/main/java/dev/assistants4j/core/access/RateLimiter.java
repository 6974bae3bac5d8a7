package dev.assistants4j.core.access;

import dev.assistants4j.core.error.RateLimitException;
import dev.assistants4j.core.store.SpendStore;
import dev.assistants4j.core.store.SpendStore.RateCount;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rpm_limit}, {@code tpm_limit} and {@code max_parallel_requests} per key and team, over fixed one-minute
 * windows. Each node counts its own calls in memory; on several nodes ({@code shared}) a sync thread stores this
 * node's counts of the current window every interval (one write per node per interval, whatever the traffic) and
 * reads the other nodes' last-stored counts, so a check is this node's counts now plus the others' as of at most about
 * one interval ago. The limits can therefore be passed by what the other nodes admitted within that interval (at 200
 * ms and a steady rate, 0.2 s of a minute: well under 10 %); a node that dies keeps its requests of the window counted
 * and its in-flight calls are dropped after two seconds without a sync. Thread-safe.
 */
final class RateLimiter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    private static final long WINDOW_SECONDS = 60;
    private static final Duration LIVE = Duration.ofSeconds(2);

    private final Clock clock;
    private final Optional<SpendStore> shared;
    private final String nodeId;
    private final Duration syncInterval;
    private final ConcurrentHashMap<SpendSubject, Counter> counters = new ConcurrentHashMap<>();
    /** The other nodes' counts of {@link #othersWindow}, as last synced. */
    private volatile Map<SpendSubject, RateCount> others = Map.of();

    private volatile long othersWindow = -1;
    private final Thread syncer;
    private volatile boolean closed;

    /** A subject and the limits it is held to. */
    record Limited(SpendSubject subject, Limits limits) {

        boolean rateLimited() {
            return limits.rpmLimit().isPresent()
                    || limits.tpmLimit().isPresent()
                    || limits.maxParallelRequests().isPresent();
        }
    }

    /** This node's counts of one subject in its current window. Guarded by itself. */
    private static final class Counter {
        long window;
        long requests;
        long tokens;
        int inFlight;
        /** Dropped from the map (idle): callers that still hold it take a new one. */
        boolean dead;

        void roll(long current) {
            if (window != current) {
                window = current;
                requests = 0;
                tokens = 0;
            }
        }
    }

    /** @param shared the store the nodes share counts through; empty on a single node */
    RateLimiter(Clock clock, Optional<SpendStore> shared, String nodeId, Duration syncInterval) {
        this.clock = clock;
        this.shared = shared;
        this.nodeId = nodeId;
        this.syncInterval = syncInterval;
        this.syncer = shared.isPresent()
                ? Thread.ofPlatform().daemon().name("rate-sync").start(this::loop)
                : null;
    }

    /**
     * Counts one call against each subject's limits, or refuses it (counting nothing) when one of them is reached.
     *
     * @param subjects the key first, then its team; locked in this order
     */
    void acquire(List<Limited> subjects) {
        List<Limited> limited = subjects.stream().filter(Limited::rateLimited).toList();
        if (limited.isEmpty()) {
            return;
        }
        acquire(limited, 0);
    }

    private void acquire(List<Limited> limited, int index) {
        if (index == limited.size()) {
            return;
        }
        Limited one = limited.get(index);
        while (true) {
            Counter counter = counters.computeIfAbsent(one.subject(), s -> new Counter());
            synchronized (counter) {
                if (counter.dead) {
                    continue;
                }
                long now = clock.millis();
                long window = window(now);
                counter.roll(window);
                RateCount other = othersWindow == window ? others.get(one.subject()) : null;
                check(one, counter, other, now, window);
                acquire(limited, index + 1); // throws, counting nothing here, when a later subject refuses
                counter.requests++;
                counter.inFlight++;
                return;
            }
        }
    }

    private static void check(Limited one, Counter counter, RateCount other, long now, long window) {
        long requests = counter.requests + (other == null ? 0 : other.requests());
        long tokens = counter.tokens + (other == null ? 0 : other.tokens());
        int inFlight = counter.inFlight + (other == null ? 0 : other.inFlight());
        long resetSeconds = Math.max(1, (window + WINDOW_SECONDS * 1000 - now + 999) / 1000);
        Limits limits = one.limits();
        String who = one.subject().kind() + " " + one.subject().id();
        if (limits.rpmLimit().isPresent() && requests >= limits.rpmLimit().get()) {
            throw refusal(
                    "Rate limit reached for " + who + " on requests per min (RPM): Limit "
                            + limits.rpmLimit().get() + ", Used " + requests + ", Requested 1. Please try again in "
                            + resetSeconds + "s.",
                    limits,
                    requests,
                    tokens,
                    resetSeconds,
                    resetSeconds);
        }
        if (limits.tpmLimit().isPresent() && tokens >= limits.tpmLimit().get()) {
            throw refusal(
                    "Rate limit reached for " + who + " on tokens per min (TPM): Limit "
                            + limits.tpmLimit().get() + ", Used " + tokens + ". Please try again in " + resetSeconds
                            + "s.",
                    limits,
                    requests,
                    tokens,
                    resetSeconds,
                    resetSeconds);
        }
        if (limits.maxParallelRequests().isPresent()
                && inFlight >= limits.maxParallelRequests().get()) {
            throw refusal(
                    "Max parallel request limit reached for " + who + ": Limit "
                            + limits.maxParallelRequests().get() + ", in flight " + inFlight
                            + ". Please try again when a request has ended.",
                    limits,
                    requests,
                    tokens,
                    resetSeconds,
                    1);
        }
    }

    /** OpenAI's 429 with its {@code x-ratelimit-*} headers (for the limits the subject has) and {@code retry-after}. */
    private static RateLimitException refusal(
            String message, Limits limits, long requests, long tokens, long resetSeconds, long retryAfter) {
        Map<String, String> headers = new LinkedHashMap<>();
        limits.rpmLimit().ifPresent(rpm -> {
            headers.put("x-ratelimit-limit-requests", Integer.toString(rpm));
            headers.put("x-ratelimit-remaining-requests", Long.toString(Math.max(0, rpm - requests)));
            headers.put("x-ratelimit-reset-requests", resetSeconds + "s");
        });
        limits.tpmLimit().ifPresent(tpm -> {
            headers.put("x-ratelimit-limit-tokens", Integer.toString(tpm));
            headers.put("x-ratelimit-remaining-tokens", Long.toString(Math.max(0, tpm - tokens)));
            headers.put("x-ratelimit-reset-tokens", resetSeconds + "s");
        });
        headers.put("retry-after", Long.toString(retryAfter));
        return new RateLimitException(message, headers);
    }

    /** Counts a call's tokens against its subjects' current windows. */
    void tokens(List<SpendSubject> subjects, long tokens) {
        long window = window(clock.millis());
        for (SpendSubject subject : subjects) {
            Counter counter = counters.get(subject);
            if (counter != null) {
                synchronized (counter) {
                    counter.roll(window);
                    counter.tokens += tokens;
                }
            }
        }
    }

    /** Ends a call acquired for {@code subjects}: it is no longer in flight. */
    void release(List<SpendSubject> subjects) {
        for (SpendSubject subject : subjects) {
            Counter counter = counters.get(subject);
            if (counter != null) {
                synchronized (counter) {
                    counter.inFlight = Math.max(0, counter.inFlight - 1);
                }
            }
        }
    }

    private static long window(long millis) {
        return Math.floorDiv(millis, WINDOW_SECONDS * 1000) * WINDOW_SECONDS * 1000;
    }

    /** Stores this node's counts of the current window and reads the other nodes'; the sync thread's work. */
    void sync() {
        long now = clock.millis();
        long window = window(now);
        List<RateCount> mine = new ArrayList<>();
        counters.forEach((subject, counter) -> {
            synchronized (counter) {
                counter.roll(window);
                if (counter.requests > 0 || counter.tokens > 0 || counter.inFlight > 0) {
                    mine.add(new RateCount(subject, counter.requests, counter.tokens, counter.inFlight));
                }
            }
        });
        counters.forEach((subject, counter) -> {
            synchronized (counter) {
                if (counter.requests == 0 && counter.tokens == 0 && counter.inFlight == 0) {
                    counter.dead = true;
                    counters.remove(subject, counter);
                }
            }
        });
        SpendStore store = shared.orElseThrow();
        Map<SpendSubject, RateCount> read = store.syncRates(
                nodeId, window, mine, clock.instant(), clock.instant().minus(LIVE));
        others = Map.copyOf(read);
        othersWindow = window;
    }

    private void loop() {
        while (!closed) {
            try {
                TimeUnit.MILLISECONDS.sleep(syncInterval.toMillis());
                sync();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Syncing rate-limit counts failed; retrying: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (syncer != null) {
            try {
                syncer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
