package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.error.ServiceUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Expires runs that wait in requires_action past their expires_at. Thread-safe. */
final class RunExpiry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunExpiry.class);

    private static final Duration RETRY = Duration.ofSeconds(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("run-expiry").factory());
    private final RunStates states;
    private final Clock clock;

    RunExpiry(RunStates states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    /** Schedules the check at the run's expires_at (at once when that has passed). */
    void schedule(String projectId, Run run) {
        long delayMillis = Math.max(0, run.expiresAt() * 1000 - clock.millis());
        timer.schedule(() -> expire(projectId, run.threadId(), run.id()), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void expire(String projectId, String threadId, String runId) {
        try {
            Run run = states.update(projectId, threadId, runId, current -> {
                boolean due = current.status() == RunStatus.REQUIRES_ACTION
                        && current.expiresAt() != null
                        && current.expiresAt() <= clock.instant().getEpochSecond();
                if (!due) {
                    return Optional.empty();
                }
                return Optional.of(current.toBuilder()
                        .status(RunStatus.EXPIRED)
                        .requiredAction(null)
                        .build());
            });
            if (run.status() == RunStatus.REQUIRES_ACTION && run.expiresAt() != null) {
                schedule(projectId, run); // the clock was early; check again
            }
        } catch (ServiceUnavailableException e) { // a full disk: expire it once the store takes writes again
            LOG.warn("Run {} cannot expire yet: {}", runId, e.getMessage());
            timer.schedule(() -> expire(projectId, threadId, runId), RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.error("Could not expire run {}", runId, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
