package dev.assistants4j.core.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How this node shares runs with other nodes on one database (see {@link NodeLeases}). A single node on its own
 * database ({@link #ALONE}, the embedded SQLite default) holds no leases: at start it recovers every run a previous
 * process left unfinished.
 *
 * @param shared true when other nodes may execute runs on the same database
 * @param nodeId names this node in the leases it holds (unique per process)
 * @param leaseTime how long a lease lasts unless renewed; a dead node's runs are taken over after it
 * @param cancelPoll how often this node looks for cancels other nodes stored for the runs it executes
 * @param takeoverScan how often this node looks for runs whose lease expired, and runs past their expiry
 */
public record NodeSettings(
        boolean shared, String nodeId, Duration leaseTime, Duration cancelPoll, Duration takeoverScan) {

    /** One node alone on its database. */
    public static final NodeSettings ALONE =
            new NodeSettings(false, "local", Duration.ofSeconds(15), Duration.ofMillis(250), Duration.ofSeconds(2));

    public NodeSettings {
        Objects.requireNonNull(nodeId, "nodeId");
        if (leaseTime.toMillis() < 300) {
            throw new IllegalArgumentException("leaseTime must be at least 300 ms");
        }
    }

    /**
     * One of several nodes on a shared database, with a fresh id: a dead node's runs are taken over within {@code
     * leaseTime} plus one {@code takeoverScan} (15 s + 2 s by default).
     */
    public static NodeSettings shared(Duration leaseTime) {
        return new NodeSettings(
                true,
                "node-" + UUID.randomUUID().toString().substring(0, 8),
                leaseTime,
                ALONE.cancelPoll(),
                ALONE.takeoverScan());
    }

    /** A lease is renewed three times per lease time, so a missed renewal or two does not lose it. */
    Duration renewEvery() {
        return leaseTime.dividedBy(3);
    }
}
