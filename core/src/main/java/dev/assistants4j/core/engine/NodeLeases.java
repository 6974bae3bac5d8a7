package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.store.RunLeaseStore;
import dev.assistants4j.core.store.RunStore.ProjectRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in sharing runs with other nodes on one database. Three periodic jobs, on one platform thread:
 *
 * <ul>
 *   <li>every third of the lease time, it renews the leases of the runs it executes; a run whose lease another node
 *       took meanwhile (this node was paused or cut off for longer than a lease) is abandoned here, writing nothing;
 *   <li>every {@link NodeSettings#cancelPoll()}, it looks for cancels other nodes stored for the runs it executes
 *       and stops them, so a cancel sent to any node ends the run within about that time;
 *   <li>every {@link NodeSettings#takeoverScan()}, it takes over the runs whose lease expired (their node died): a
 *       queued run is resumed, an in-progress one done again from its last durable state ({@link
 *       RunLoop#takenOver}), a cancelling one cancelled; and it expires runs left in requires_action past their
 *       expiry, which the dead node would have expired.
 * </ul>
 *
 * <p>A job that fails (the database is away) logs and tries again at its next turn. Started only on a shared node.
 */
final class NodeLeases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeLeases.class);
    private static final int TAKEOVER_BATCH = 16;
    private static final int SCANS_PER_EXPIRY_SWEEP = 5;

    private final EngineContext ctx;
    private final RunExecutor executor;
    private final NodeSettings node;
    private final ScheduledExecutorService jobs = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("node-leases").factory());
    private int scans;

    private NodeLeases(EngineContext ctx, RunExecutor executor) {
        this.ctx = ctx;
        this.executor = executor;
        this.node = ctx.settings().node();
    }

    /** Starts the jobs; the first takeover scan runs at once. */
    static NodeLeases start(EngineContext ctx, RunExecutor executor) {
        NodeLeases leases = new NodeLeases(ctx, executor);
        leases.every("renew its leases", leases.node.renewEvery(), leases::renew);
        leases.every("look for cancels", leases.node.cancelPoll(), leases::pollCancels);
        leases.jobs.scheduleWithFixedDelay(
                () -> leases.guarded("take over runs", leases::takeOver),
                0,
                leases.node.takeoverScan().toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("Node {} shares runs with the other nodes of its database", leases.node.nodeId());
        return leases;
    }

    private void every(String what, Duration period, Runnable job) {
        jobs.scheduleWithFixedDelay(
                () -> guarded(what, job), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void guarded(String what, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.warn("Node {}: could not {}: {}", node.nodeId(), what, e.getMessage());
        }
    }

    private RunLeaseStore leases() {
        return ctx.stores().runLeases();
    }

    void renew() {
        Map<String, CancelSignal> executing = executor.executions(); // each took its lease before it was listed
        List<String> held = leases().renew(node.nodeId(), ctx.clock().instant().plus(node.leaseTime()));
        executing.forEach((runId, execution) -> {
            // A run that ended meanwhile gave its lease up: only one still executing lost it.
            if (!held.contains(runId) && executor.abandon(runId, execution)) {
                LOG.warn("Node {} lost the lease of run {}: another node took it over", node.nodeId(), runId);
            }
        });
    }

    void pollCancels() {
        Set<String> executing = executor.runningIds();
        if (!executing.isEmpty()) {
            ctx.stores().runs().cancelling(executing).forEach(executor::cancel);
        }
    }

    void takeOver() {
        Instant now = ctx.clock().instant();
        for (ProjectRun orphan : leases().orphaned(now, TAKEOVER_BATCH)) {
            Run run = orphan.run();
            if (executor.runningIds().contains(run.id())
                    || leases().acquire(run.id(), node.nodeId(), now, now.plus(node.leaseTime()))
                            .isEmpty()) {
                continue;
            }
            LOG.info(
                    "Node {} takes over run {} ({})",
                    node.nodeId(),
                    run.id(),
                    run.status().wireName());
            switch (run.status()) {
                case QUEUED -> executor.resume(orphan.projectId(), run.threadId(), run.id());
                case IN_PROGRESS -> executor.takeOver(orphan.projectId(), run.threadId(), run.id());
                default -> cancel(orphan.projectId(), run);
            }
        }
        if (++scans % SCANS_PER_EXPIRY_SWEEP == 1) {
            expireOverdue(now);
        }
    }

    /** Ends a run a dead node was cancelling. */
    private void cancel(String projectId, Run run) {
        try {
            ctx.states()
                    .end(
                            projectId,
                            run.threadId(),
                            run.id(),
                            current -> current.status() == RunStatus.CANCELLING
                                    ? Optional.of(current.toBuilder()
                                            .status(RunStatus.CANCELLED)
                                            .cancelledAt(ctx.now())
                                            .build())
                                    : Optional.empty());
        } finally {
            leases().release(run.id(), node.nodeId());
        }
    }

    /** Schedules the expiry of runs past their expires_at in requires_action (expiring twice changes nothing). */
    private void expireOverdue(Instant now) {
        for (ProjectRun unfinished : ctx.stores().runs().listUnfinished()) {
            Run run = unfinished.run();
            if (run.status() == RunStatus.REQUIRES_ACTION
                    && run.expiresAt() != null
                    && run.expiresAt() <= now.getEpochSecond()) {
                ctx.expiry().schedule(unfinished.projectId(), run);
            }
        }
    }

    @Override
    public void close() {
        jobs.shutdownNow();
    }
}
