package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.error.ServiceUnavailableException;
import dev.assistants4j.core.store.FencedOffException;
import dev.assistants4j.core.store.Stores;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to change a stored run: under a per-run lock, re-read it, apply a change, store it with the steps the
 * change carries and, when the run ends, with its steps and messages still in progress ended (see {@link RunEnding}),
 * all in one transaction; then publish their events and the {@code thread.run.<status>} event when the status moved.
 * The store writes only if the run is still as read (compare-and-set), else the change is applied again to what is
 * stored then. This keeps the executor, cancel, submit and expiry, on this node or another, from overwriting each
 * other, and a crash from keeping half of a change. An end the store cannot take now is retried until it can ({@link #end}). Thread-safe.
 */
final class RunStates {

    private static final Logger LOG = LoggerFactory.getLogger(RunStates.class);
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(250);
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);
    /** How often a change is applied again when other nodes keep changing the run in between. */
    private static final int MAX_ATTEMPTS = 10;

    private final Stores stores;
    private final RunEvents events;
    private final Clock clock;
    private final ConcurrentMap<String, ReentrantLock> locks;
    private final ScheduledExecutorService retries;

    RunStates(Stores stores, RunEvents events, Clock clock) {
        this(
                stores,
                events,
                clock,
                new ConcurrentHashMap<>(),
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().name("run-end-retry").daemon().factory()));
    }

    private RunStates(
            Stores stores,
            RunEvents events,
            Clock clock,
            ConcurrentMap<String, ReentrantLock> locks,
            ScheduledExecutorService retries) {
        this.stores = stores;
        this.events = events;
        this.clock = clock;
        this.locks = locks;
        this.retries = retries;
    }

    /**
     * These run states writing through {@code fenced} (the stores of one execution's lease, see {@link
     * Stores#fenced}): the same per-run locks, events and retries. A change it cannot store because the lease passed to
     * another node fails with {@link FencedOffException}; an {@link #end} is then dropped, not retried.
     */
    RunStates writingThrough(Stores fenced) {
        return new RunStates(fenced, events, clock, locks, retries);
    }

    /**
     * Applies {@code change} to the current run; an empty result leaves it as it is.
     *
     * @return the run as stored afterwards
     */
    Run update(String projectId, String threadId, String runId, Function<Run, Optional<Run>> change) {
        return change(
                projectId, threadId, runId, current -> change.apply(current).map(RunChange::of));
    }

    /**
     * As {@link #update}, for a change that ends the run (or leaves it as it is): when the store cannot take it now (a
     * full disk), a client streaming the run gets an {@code error} event at once, and the change is tried again, less
     * and less often (at most every {@link #MAX_RETRY_DELAY}), until the store takes it, so that no run stays active
     * because its end could not be written. Never throws for that reason.
     */
    void end(String projectId, String threadId, String runId, Function<Run, Optional<Run>> change) {
        endOrRetry(projectId, threadId, runId, change, FIRST_RETRY_DELAY);
    }

    private void endOrRetry(
            String projectId, String threadId, String runId, Function<Run, Optional<Run>> change, Duration retryIn) {
        try {
            Run run = update(projectId, threadId, runId, change);
            if (retryIn != FIRST_RETRY_DELAY) {
                LOG.info(
                        "Run {} is {}: the store takes writes again",
                        runId,
                        run.status().wireName());
            }
        } catch (ServiceUnavailableException e) {
            if (retryIn == FIRST_RETRY_DELAY) {
                LOG.warn("Run {} cannot end yet ({}); trying again until the store takes it", runId, e.getMessage());
                events.publish(runId, RunEvent.Error.of(e)); // a streaming client is told now, not when it ends
            }
            Duration next =
                    retryIn.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : retryIn.multipliedBy(2);
            try {
                retries.schedule(
                        () -> endOrRetry(projectId, threadId, runId, change, next),
                        retryIn.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                LOG.info("Run {} left for recovery: the server is stopping", runId);
            }
        } catch (NotFoundException e) {
            LOG.debug("Run {} is gone (its thread was deleted)", runId);
        } catch (FencedOffException e) {
            LOG.info("Run {} stopped here: its end was refused, another node took it over", runId);
        }
    }

    /**
     * As {@link #update}, where the change also carries steps of the run, stored in the same transaction.
     *
     * @return the run as stored afterwards
     */
    Run change(String projectId, String threadId, String runId, Function<Run, Optional<RunChange>> change) {
        ReentrantLock lock = locks.computeIfAbsent(runId, id -> new ReentrantLock());
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                Run current = stores.runs()
                        .find(projectId, threadId, runId)
                        .orElseThrow(() -> NotFoundException.of("run", runId));
                Optional<RunChange> changed = change.apply(current);
                if (changed.isEmpty()) {
                    return current;
                }
                Optional<Run> stored = store(projectId, current, changed.get());
                if (stored.isPresent()) {
                    return stored.get();
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException(
                            "Run " + runId + " kept changing under " + MAX_ATTEMPTS + " writes");
                }
                // another node changed the run between our read and our write: apply the change to what it wrote
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stores the change unless the run is no longer {@code current}; then publishes its events. */
    private Optional<Run> store(String projectId, Run current, RunChange change) {
        Run next = change.run();
        List<RunStep> steps = new ArrayList<>(change.steps());
        List<Message> messages = List.of();
        if (next.status().terminal()) {
            next = next.toBuilder().expiresAt(null).build();
            RunEnding ending =
                    RunEnding.of(stores, projectId, next, steps, clock.instant().getEpochSecond());
            steps.addAll(ending.steps());
            messages = ending.messages();
        }
        if (!stores.runs().replace(projectId, current, next, steps, messages)) {
            return Optional.empty();
        }
        publish(current, next, steps, messages);
        if (next.status().terminal()) {
            events.release(next.id());
            locks.remove(next.id());
        }
        return Optional.of(next);
    }

    /**
     * The run's status event comes first (a stream of submitted outputs starts with {@code thread.run.queued}),
     * unless it ends the stream: then the steps and messages it closed come before it.
     */
    private void publish(Run current, Run next, List<RunStep> steps, List<Message> messages) {
        boolean moved = next.status() != current.status();
        boolean closes = moved && new RunEvent.RunStatusChanged(next).closesStream();
        if (moved && !closes) {
            publishStatus(next);
        }
        steps.forEach(step -> events.publish(next.id(), new RunEvent.StepStatusChanged(step)));
        messages.forEach(message -> events.publish(next.id(), new RunEvent.MessageStatusChanged(message)));
        if (closes) {
            publishStatus(next);
        }
    }

    /** Publishes the event named after the run's status ({@code thread.run.in_progress}, …). */
    void publishStatus(Run run) {
        events.publish(run.id(), new RunEvent.RunStatusChanged(run));
    }

    /**
     * Stops retrying ends; the runs still waiting are left as stored, for the next start's recovery. (Also stops those
     * of every {@link #writingThrough} view.)
     */
    void close() {
        retries.shutdownNow();
    }
}
