package dev.assistants4j.core.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How this node's {@link VectorStoreIngestion} shares the files to ingest with other nodes on one database: a node
 * ingests a file only while it holds the file's lease, renews its leases every third of {@code leaseTime}, and every
 * {@code scanEvery} takes the in-progress files whose lease expired (their node died) or that have none.
 *
 * @param nodeId the owner named in the leases; the run engine's node id, so that its renewals cover these leases too
 * @param leaseTime how long a lease lasts unless renewed; a dead node's files are taken over after it
 * @param scanEvery how often this node looks for files no live node ingests
 */
public record IngestionSharing(String nodeId, Duration leaseTime, Duration scanEvery) {

    public IngestionSharing {
        Objects.requireNonNull(nodeId, "nodeId");
        if (leaseTime.toMillis() < 300) {
            throw new IllegalArgumentException("leaseTime must be at least 300 ms");
        }
        if (scanEvery.isNegative() || scanEvery.isZero()) {
            throw new IllegalArgumentException("scanEvery must be positive");
        }
    }

    /** A lease is renewed three times per lease time, so a missed renewal or two does not lose it. */
    Duration renewEvery() {
        return leaseTime.dividedBy(3);
    }
}
