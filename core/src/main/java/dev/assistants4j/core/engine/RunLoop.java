package dev.assistants4j.core.engine;

import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.access.ModelGate;
import dev.assistants4j.core.domain.IncompleteDetails;
import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.domain.RequiredAction;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.domain.Usage;
import dev.assistants4j.core.error.ServiceUnavailableException;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.store.FencedOffException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a run from {@code queued} until it needs tool outputs or ends: builds the prompt, calls the model, and
 * moves the run to its next status. Runs on one (virtual) thread; the run's state changes go through
 * {@link RunStates}.
 */
final class RunLoop {

    private static final Logger LOG = LoggerFactory.getLogger(RunLoop.class);

    /** How long a run waits for its vector stores' ingestion before it searches what is there. */
    static final java.time.Duration INGESTION_WAIT = java.time.Duration.ofMinutes(5);

    private final EngineContext ctx;
    private final String projectId;
    private final String threadId;
    private final String runId;
    private final CancelSignal cancel;
    private final PromptBuilder prompts;
    /** The run as just created and stored in_progress; null for a resumed run. */
    private final Run created;
    /** True for a run taken over from a dead node, whose work in progress is done again. */
    private final boolean takenOver;
    /** The created run's first model call, already sent; null once used or dropped, or when there is none. */
    private FirstCall firstCall;
    /** Where the created run's model was routed when it was created; null for a resumed run (routed in its loop). */
    private final ModelRouter.RoutedModel routedAtCreation;
    /** The created run's first model call, admitted when the run was created; null once used, or for a resumed run. */
    private ModelGate.Admission firstAdmission;
    /** The key the run charges (empty: the master key); null until looked up, for a resumed run. */
    private Optional<String> keyId;

    private RunLoop(
            EngineContext ctx,
            String projectId,
            String threadId,
            String runId,
            CancelSignal cancel,
            Run created,
            ModelRouter.RoutedModel routedAtCreation,
            FirstCall firstCall,
            boolean takenOver,
            Caller caller,
            ModelGate.Admission firstAdmission) {
        this.ctx = ctx;
        this.keyId = caller == null ? null : caller.keyId();
        this.firstAdmission = firstAdmission;
        this.projectId = projectId;
        this.threadId = threadId;
        this.runId = runId;
        this.cancel = cancel;
        this.prompts = new PromptBuilder(ctx.stores(), ctx.images());
        this.created = created;
        this.routedAtCreation = routedAtCreation;
        this.firstCall = firstCall;
        this.takenOver = takenOver;
    }

    /**
     * The loop of a run just stored {@code in_progress}, with no steps yet; a cancel since then is in {@code cancel}.
     *
     * @param caller who created it: the caller its model calls are charged to
     * @param routed where its model goes, as routed when it was created
     * @param firstCall its first model call, already sent (null: none)
     * @param admission its first model call's admission (closed by the loop)
     */
    static RunLoop created(
            EngineContext ctx,
            Caller caller,
            Run run,
            CancelSignal cancel,
            ModelRouter.RoutedModel routed,
            FirstCall firstCall,
            ModelGate.Admission admission) {
        return new RunLoop(
                ctx,
                caller.projectId(),
                run.threadId(),
                run.id(),
                cancel,
                run,
                routed,
                firstCall,
                false,
                caller,
                admission);
    }

    /** The loop of a queued run: tool outputs were submitted, or a previous process left it queued. */
    static RunLoop resumed(EngineContext ctx, String projectId, String threadId, String runId, CancelSignal cancel) {
        return new RunLoop(ctx, projectId, threadId, runId, cancel, null, null, null, false, null, null);
    }

    /**
     * The loop of a run a dead node was executing, from its last durable state ({@link RunTakeover}): a turn the node
     * was cut in is deleted (a half-streamed answer, tool calls without their results) and done again; an answer
     * written whole ends the run as it would have. Clients see the answer replaced, never doubled; a client that was
     * streaming from the dead node lost its stream with it and finds the run by polling.
     */
    static RunLoop takenOver(EngineContext ctx, String projectId, String threadId, String runId, CancelSignal cancel) {
        return new RunLoop(ctx, projectId, threadId, runId, cancel, null, null, null, true, null, null);
    }

    void execute() {
        try {
            run();
        } finally {
            if (firstCall != null) {
                firstCall.discard();
            }
            if (firstAdmission != null) {
                firstAdmission.close();
            }
        }
    }

    private void run() {
        try {
            Optional<Run> started = start();
            if (started.isPresent()) {
                prepareFileSearch(started.get());
                loop(started.get());
            }
        } catch (EngineStopped e) {
            LOG.info("Run {} left for recovery: the server is stopping", runId);
        } catch (FencedOffException e) {
            // This node was paused or cut off past the run's lease and another node took the run over: it owns the
            // run now; what this execution had not stored is dropped, and it writes nothing more.
            cancel.abandon();
            LOG.info("Run {} stopped here: its writes were refused, another node took it over", runId);

        } catch (ServiceUnavailableException e) {
            // The store could not take a write (a full disk): tell a streaming client now; the run fails as soon as
            // the store takes that.
            LOG.warn("Run {} failed: {}", runId, e.getMessage());
            ctx.events().publish(runId, RunEvent.Error.of(e));
            end(
                    RunStatus.FAILED,
                    new LastError("server_error", "The server could not store the run's progress."),
                    null);
        } catch (RuntimeException e) {
            if (ctx.stopping().get()) {
                LOG.info("Run {} left for recovery: the server is stopping", runId);
                return;
            }
            LOG.error("Run {} failed unexpectedly", runId, e);
            end(RunStatus.FAILED, new LastError("server_error", "The server had an error while running."), null);
        }
    }

    /** Moves a resumed run from queued to in_progress; a created one is stored in_progress already. */
    private Optional<Run> start() {
        if (created != null) {
            return Optional.of(created);
        }
        if (takenOver) {
            switch (RunTakeover.resume(ctx, projectId, threadId, runId)) {
                case ANSWERED -> {
                    end(RunStatus.COMPLETED, null, null);
                    return Optional.empty();
                }
                case CUT_OFF -> {
                    end(RunStatus.INCOMPLETE, null, new IncompleteDetails("max_completion_tokens"));
                    return Optional.empty();
                }
                case CONTINUE -> {}
            }
        }
        Run run = ctx.states().update(projectId, threadId, runId, current -> switch (current.status()) {
            case QUEUED ->
                Optional.of(current.toBuilder()
                        .status(RunStatus.IN_PROGRESS)
                        .startedAt(current.startedAt() == null ? ctx.now() : current.startedAt())
                        .build());
            case CANCELLING -> Optional.of(cancelled(current));
            default -> Optional.empty();
        });
        return run.status() == RunStatus.IN_PROGRESS ? Optional.of(run) : Optional.empty();
    }

    /**
     * For a run with file_search: files attached to the thread's messages join the thread's vector store, and the
     * run waits (at most {@link #INGESTION_WAIT}) until its stores have ingested their files, as OpenAI's runs did.
     */
    private void prepareFileSearch(Run run) {
        if (FileSearchTools.of(run).isEmpty()) {
            return;
        }
        ctx.fileSearch().attachThreadFiles(projectId, threadId);
        List<String> stores = FileSearchRunner.vectorStoreIds(ctx, projectId, run);
        if (!stores.isEmpty()
                && !ctx.fileSearch()
                        .awaitIngestion(
                                projectId,
                                stores,
                                ctx.clock().instant().plus(INGESTION_WAIT),
                                () -> cancel.requested() || ctx.stopping().get())) {
            ctx.checkRunning();
            LOG.warn("Run {}: searching vector stores whose files are still being ingested", runId);
        }
    }

    private void loop(Run run) {
        Optional<ModelRouter.RoutedModel> routed = routedAtCreation != null
                ? Optional.of(routedAtCreation)
                : ctx.router().route(run.model());
        while (true) {
            if (cancel.requested()) {
                end(RunStatus.CANCELLED, null, null);
                return;
            }
            List<RunStep> steps = firstCall != null ? List.of() : steps();
            if (toolCallSteps(steps) >= ctx.settings().maxModelCalls()) {
                String message = "The run made more than " + ctx.settings().maxModelCalls() + " model calls.";
                end(RunStatus.FAILED, new LastError("server_error", message), null);
                return;
            }
            FirstCall sent = firstCall;
            firstCall = null;
            Optional<List<ChatMessage>> prompt =
                    sent != null ? Optional.of(sent.prompt()) : prompts.build(projectId, run, steps);
            if (prompt.isEmpty()) {
                end(RunStatus.INCOMPLETE, null, new IncompleteDetails("max_prompt_tokens"));
                return;
            }
            if (routed.isEmpty()) { // its config changed since the run was created
                end(RunStatus.FAILED, notConfigured(run), null);
                return;
            }
            ModelGate.Admission admitted = firstAdmission;
            firstAdmission = null;
            Optional<Caller> caller = admitted != null ? Optional.empty() : caller();
            if (admitted == null && caller.isEmpty()) {
                end(RunStatus.FAILED, keyGone(), null);
                return;
            }
            ModelTurn turn =
                    new ModelTurn(ctx, projectId, run, routed.get(), cancel, steps, caller.orElse(null), admitted);
            switch (turn.call(prompt.get(), sent)) {
                case TurnOutcome.UsedTools usedTools -> {
                    continue; // the results are in the steps: call the model again
                }
                case TurnOutcome.Answered answered -> end(RunStatus.COMPLETED, null, null);
                case TurnOutcome.CutOff cutOff ->
                    end(RunStatus.INCOMPLETE, null, new IncompleteDetails("max_completion_tokens"));
                case TurnOutcome.Cancelled cancelled -> end(RunStatus.CANCELLED, null, null);
                case TurnOutcome.Failed failed -> end(RunStatus.FAILED, failed.error(), null);
                case TurnOutcome.CalledFunctions functions -> requireAction(functions);
            }
            return;
        }
    }

    /** The caller the run's next model call is charged to, its key as it stands now; empty when the key is gone. */
    private Optional<Caller> caller() {
        if (keyId == null) {
            keyId = ctx.access().runKeys().runKey(runId);
        }
        if (keyId.isEmpty()) {
            return Optional.of(Caller.master(projectId));
        }
        return ctx.access().callers().byKeyId(keyId.get());
    }

    private static LastError keyGone() {
        return new LastError("invalid_prompt", "The API key this run was created with no longer exists.");
    }

    private static LastError notConfigured(Run run) {
        return new LastError("invalid_prompt", "The model '" + run.model() + "' is not configured.");
    }

    private void requireAction(TurnOutcome.CalledFunctions functions) {
        Run run = ctx.states().update(projectId, threadId, runId, current -> {
            if (current.status() == RunStatus.CANCELLING) {
                return Optional.of(cancelled(current));
            }
            long expiresAt = ctx.now() + ctx.settings().requiresActionTimeout().toSeconds();
            return Optional.of(current.toBuilder()
                    .status(RunStatus.REQUIRES_ACTION)
                    .requiredAction(RequiredAction.of(functions.calls()))
                    .expiresAt(expiresAt)
                    .build());
        });
        if (run.status() == RunStatus.REQUIRES_ACTION) {
            ctx.expiry().schedule(projectId, run);
        }
    }

    /**
     * Ends the run in a terminal status; a run being cancelled ends cancelled whatever the loop reached. When the store
     * cannot take it now, it is written as soon as it can (see {@link RunStates#end}).
     */
    private void end(RunStatus status, LastError error, IncompleteDetails incomplete) {
        if (cancel.abandoned()) {
            LOG.info("Run {} stopped here: another node took it over", runId);
            return;
        }
        Usage usage = usage();
        ctx.states().end(projectId, threadId, runId, current -> {
            if (current.status().terminal()) {
                return Optional.empty();
            }
            if (current.status() == RunStatus.CANCELLING || status == RunStatus.CANCELLED) {
                return Optional.of(cancelled(current).toBuilder().usage(usage).build());
            }
            long now = ctx.now();
            return Optional.of(current.toBuilder()
                    .status(status)
                    .requiredAction(null)
                    .lastError(error)
                    .incompleteDetails(incomplete)
                    .completedAt(status == RunStatus.COMPLETED ? Long.valueOf(now) : null)
                    .failedAt(status == RunStatus.FAILED ? Long.valueOf(now) : null)
                    .usage(usage)
                    .build());
        });
    }

    private Run cancelled(Run current) {
        return current.toBuilder()
                .status(RunStatus.CANCELLED)
                .requiredAction(null)
                .cancelledAt(ctx.now())
                .build();
    }

    private static int toolCallSteps(List<RunStep> steps) {
        return (int) steps.stream()
                .filter(step -> step.stepDetails() instanceof StepDetails.ToolCalls)
                .count();
    }

    /** The run's usage: the sum of its steps' (each model call's tokens are on the step it produced). */
    private Usage usage() {
        return steps().stream()
                .map(RunStep::usage)
                .filter(java.util.Objects::nonNull)
                .reduce(Usage.ZERO, Usage::plus);
    }

    private List<RunStep> steps() {
        return RunSteps.all(ctx, projectId, threadId, runId);
    }
}
