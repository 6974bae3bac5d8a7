package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunBuilder;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.store.RunStore.ProjectRun;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, brings runs a previous process left unfinished to a spec status: queued runs are executed,
 * in-progress ones fail (their model stream is gone), cancelling ones are cancelled (their open steps and messages
 * end with them, see {@link RunEnding}), and runs waiting for tool outputs keep waiting until they expire. On a node
 * that shares its database with others, only the last: the other runs may be executing on another node.
 */
record RunRecovery(EngineContext ctx, RunExecutor executor) {

    private static final Logger LOG = LoggerFactory.getLogger(RunRecovery.class);

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
        switch (run.status()) {
            case QUEUED -> executor.resume(projectId, run.threadId(), run.id());
            case IN_PROGRESS ->
                end(projectId, run, ended -> ended.status(RunStatus.FAILED)
                        .failedAt(ctx.now())
                        .lastError(
                                new LastError("server_error", "The server restarted while the run was in progress.")));
            case CANCELLING ->
                end(projectId, run, ended -> ended.status(RunStatus.CANCELLED).cancelledAt(ctx.now()));
            case REQUIRES_ACTION -> ctx.expiry().schedule(projectId, run);
            case CANCELLED, FAILED, COMPLETED, INCOMPLETE, EXPIRED -> {}
        }
    }

    /** Ends {@code run} as {@code ending} changes its current state. */
    private void end(String projectId, Run run, UnaryOperator<RunBuilder> ending) {
        ctx.states()
                .end(
                        projectId,
                        run.threadId(),
                        run.id(),
                        current -> Optional.of(ending.apply(current.toBuilder()).build()));
    }
}
