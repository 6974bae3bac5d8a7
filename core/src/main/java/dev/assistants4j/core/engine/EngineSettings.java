package dev.assistants4j.core.engine;

import java.time.Duration;

/**
 * Limits and timings of run execution.
 *
 * @param requiresActionTimeout how long a run waits for tool outputs before it expires (OpenAI: 10 minutes)
 * @param maxModelCalls the most model calls one run may make before it fails (a guard against tool loops)
 * @param maxAttempts provider attempts per model call, counting the first (transient errors are retried)
 * @param retryBackoff the first retry delay; each further retry doubles it
 * @param node how this node shares runs with other nodes on its database
 */
public record EngineSettings(
        Duration requiresActionTimeout, int maxModelCalls, int maxAttempts, Duration retryBackoff, NodeSettings node) {

    public static final EngineSettings DEFAULTS =
            new EngineSettings(Duration.ofMinutes(10), 25, 4, Duration.ofMillis(500));

    /** Settings of a node alone on its database. */
    public EngineSettings(Duration requiresActionTimeout, int maxModelCalls, int maxAttempts, Duration retryBackoff) {
        this(requiresActionTimeout, maxModelCalls, maxAttempts, retryBackoff, NodeSettings.ALONE);
    }

    /** These settings on a node that shares its database as {@code newNode} says. */
    public EngineSettings withNode(NodeSettings newNode) {
        return new EngineSettings(requiresActionTimeout, maxModelCalls, maxAttempts, retryBackoff, newNode);
    }
}
