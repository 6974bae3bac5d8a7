package dev.assistants4j.core.engine;

import java.time.Duration;

/**
 * Limits and timings of run execution.
 *
 * @param requiresActionTimeout how long a run waits for tool outputs before it expires (OpenAI: 10 minutes)
 * @param maxModelCalls the most model calls one run may make before it fails (a guard against tool loops)
 * @param maxAttempts provider attempts per model call, counting the first (transient errors are retried)
 * @param retryBackoff the first retry delay; each further retry doubles it
 */
public record EngineSettings(
        Duration requiresActionTimeout, int maxModelCalls, int maxAttempts, Duration retryBackoff) {

    public static final EngineSettings DEFAULTS =
            new EngineSettings(Duration.ofMinutes(10), 25, 4, Duration.ofMillis(500));
}
