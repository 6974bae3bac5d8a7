package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.store.RunStore.ProjectRun;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, brings runs a previous process left unfinished to a spec status: queued runs are executed,
 * in-progress ones fail (their model stream is gone), cancelling ones are cancelled (their open steps and messages
 * end with them, see {@link RunEnding}), and runs waiting for tool outputs keep waiting until they expire. On a node
 * that shares its database with others, only the last: the other runs may be executing on another node.
 */
final class RunRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(RunRecovery.class);

    private final EngineContext ctx;
    private final RunExecutor executor;

    RunRecovery(EngineContext ctx, RunExecutor executor) {
        this.ctx = ctx;
        this.executor = executor;
    }

    void recoverAll() {
        for (ProjectRun unfinished : ctx.stores().runs().listUnfinished()) {
            try {
                recover(unfinished.projectId(), unfinished.run());
            } catch (RuntimeException e) {
                LOG.error("Could not recover run {}", unfinished.run().id(), e);
            }
        }
    }

    private void recover(String projectId, Run run) {
        if (ctx.settings().node().shared() && run.status() != RunStatus.REQUIRES_ACTION) {
            return; // another node may execute it: NodeLeases takes it over once its lease expired
        }
        String threadId = run.threadId();
        switch (run.status()) {
            case QUEUED -> executor.resume(projectId, threadId, run.id());
            case IN_PROGRESS -> {
                ctx.states()
                        .end(
                                projectId,
                                threadId,
                                run.id(),
                                current -> Optional.of(current.toBuilder()
                                        .status(RunStatus.FAILED)
                                        .failedAt(ctx.now())
                                        .lastError(new LastError(
                                                "server_error", "The server restarted while the run was in progress."))
                                        .build()));
            }
            case CANCELLING -> {
                ctx.states()
                        .end(
                                projectId,
                                threadId,
                                run.id(),
                                current -> Optional.of(current.toBuilder()
                                        .status(RunStatus.CANCELLED)
                                        .cancelledAt(ctx.now())
                                        .build()));
            }
            case REQUIRES_ACTION -> ctx.expiry().schedule(projectId, run);
            case CANCELLED, FAILED, COMPLETED, INCOMPLETE, EXPIRED -> {}
        }
    }
}
