package dev.assistants4j.core.engine;

import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.access.ModelCall;
import dev.assistants4j.core.access.ModelGate;
import dev.assistants4j.core.domain.FunctionDefinition;
import dev.assistants4j.core.domain.FunctionTool;
import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.domain.RequiredAction.RequiredToolCall;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.domain.StepToolCall;
import dev.assistants4j.core.domain.Usage;
import dev.assistants4j.core.error.LimitExceededException;
import dev.assistants4j.core.error.RateLimitException;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.FinishReason;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model call of a run: sends the prompt, streams the answer through a {@link TurnRecorder}, retries transient
 * provider failures with exponential backoff as long as nothing reached the client yet, and then runs the
 * server-side tools the model called (file_search, code_interpreter). Used on the run's thread.
 *
 * <p>Before the call, the run's caller passes the {@link ModelGate} (its key's models, budget and rate limits): a
 * rate limit is waited out (at most {@link #MAX_RATE_WAIT}), any other refusal fails the run with a {@code last_error}
 * saying why; the call's usage, the one its step records, is charged to the key.
 *
 * @param routed where the run's model is sent, routed once per execution of the run
 * @param steps the run's steps so far, oldest first
 * @param caller whom the call is charged to
 * @param admitted the call's admission when it was admitted already (a new run's first call); null: admit it here
 */
record ModelTurn(
        EngineContext ctx,
        String projectId,
        Run run,
        ModelRouter.RoutedModel routed,
        CancelSignal cancel,
        List<RunStep> steps,
        Caller caller,
        ModelGate.Admission admitted) {

    private static final Logger LOG = LoggerFactory.getLogger(ModelTurn.class);
    private static final String RATE_LIMITED = "rate_limit_exceeded";

    /** The longest a model call of a run waits for its key's rate limits before the run fails. */
    static final Duration MAX_RATE_WAIT = Duration.ofMinutes(2);

    /** The spend log's name of a model call of run {@code runId}. */
    static ModelCall modelCall(String model, String runId) {
        return new ModelCall(
                model,
                ModelCall.COMPLETION,
                "chatcmpl-" + UUID.randomUUID(),
                Optional.ofNullable(runId),
                Optional.empty());
    }

    TurnOutcome call(List<ChatMessage> prompt) {
        return call(prompt, null);
    }

    /**
     * As {@link #call(List)}, where the first attempt takes the answer of {@code first}, the same request already
     * sent (null: send it now).
     */
    TurnOutcome call(List<ChatMessage> prompt, FirstCall first) {
        Optional<LastError> refused = Vision.refusal(routed, run.model(), prompt);
        if (refused.isPresent()) {
            if (first != null) {
                first.discard(); // FirstCall sends no such prompt; dropped all the same, not to leak a stream
            }
            if (admitted != null) {
                admitted.close(); // not sent: its parallel slot is free again
            }
            return new TurnOutcome.Failed(Usage.ZERO, refused.get());
        }
        ModelGate.Admission admission;
        try {
            admission = admitted != null ? admitted : admit();
        } catch (LimitExceededException | RateLimitException e) {
            discard(first);
            String code = e instanceof LimitExceededException && e.status() == 401 ? "invalid_prompt" : RATE_LIMITED;
            LOG.info("Run {}: model call refused: {}", run.id(), e.getMessage());
            return new TurnOutcome.Failed(Usage.ZERO, new LastError(code, e.getMessage()));
        }
        if (admission == null) {
            discard(first);
            return new TurnOutcome.Cancelled(Usage.ZERO);
        }
        try (admission) {
            return call(prompt, first, admission);
        }
    }

    private static void discard(FirstCall first) {
        if (first != null) {
            first.discard();
        }
    }

    /**
     * Admits the call for {@code caller}, waiting out rate limits (at most {@link #MAX_RATE_WAIT}); null when the run
     * was cancelled meanwhile.
     */
    private ModelGate.Admission admit() {
        long deadline = System.nanoTime() + MAX_RATE_WAIT.toNanos();
        while (true) {
            try {
                return ctx.access().gate().admit(caller, modelCall(run.model(), run.id()));
            } catch (RateLimitException e) {
                Duration wait = Duration.ofSeconds(Math.max(1, e.retryAfterSeconds()));
                if (System.nanoTime() + wait.toNanos() > deadline) {
                    throw e;
                }
                if (!sleep(wait)) {
                    return null;
                }
            }
        }
    }

    private TurnOutcome call(List<ChatMessage> prompt, FirstCall first, ModelGate.Admission admission) {
        ChatRequest request = request(run, steps, routed.upstreamModel(), prompt);
        Duration backoff = ctx.settings().retryBackoff();
        Citations citations = Citations.of(steps);
        int searchTurns = fileSearchCalls(steps);
        CodeResults codeResults = CodeResults.of(steps);
        for (int attempt = 1; ; attempt++) {
            TurnRecorder recorder = new TurnRecorder(ctx, projectId, run, citations, searchTurns, codeResults);
            try {
                ProviderStream answer =
                        attempt == 1 && first != null ? first.take(cancel) : routed.provider().stream(request);
                return stream(answer, recorder, prompt, admission);
            } catch (ProviderException e) {
                ctx.checkRunning();
                if (cancel.requested()) {
                    recorder.abort(RunStepStatus.CANCELLED, null);
                    return new TurnOutcome.Cancelled(Usage.ZERO);
                }
                boolean retry = e.retriable()
                        && !recorder.emittedAnything()
                        && attempt < ctx.settings().maxAttempts();
                LOG.warn(
                        "Run {}: provider call failed (attempt {}, status {}, {}): {}",
                        run.id(),
                        attempt,
                        e.status(),
                        retry ? "retrying" : "giving up",
                        e.getMessage());
                if (!retry) {
                    LastError error = ProviderFailures.lastError(e, run.model());
                    recorder.abort(RunStepStatus.FAILED, error);
                    return new TurnOutcome.Failed(Usage.ZERO, error);
                }
                if (!sleep(backoff)) {
                    return new TurnOutcome.Cancelled(Usage.ZERO);
                }
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private TurnOutcome stream(
            ProviderStream stream, TurnRecorder recorder, List<ChatMessage> prompt, ModelGate.Admission admission) {
        FinishReason reason = FinishReason.OTHER;
        Usage usage = null;
        try (stream) {
            cancel.attach(stream);
            while (!cancel.requested() && stream.hasNext()) {
                switch (stream.next()) {
                    case ProviderEvent.TextDelta delta -> recorder.text(delta.text());
                    case ProviderEvent.ToolCallDelta delta ->
                        recorder.toolCall(delta.index(), delta.name(), delta.argumentsFragment());
                    case ProviderEvent.Usage reported ->
                        usage = Usage.of(reported.promptTokens(), reported.completionTokens());
                    case ProviderEvent.Finished finished -> reason = finished.reason();
                }
            }
        } finally {
            cancel.detach();
        }
        ctx.checkRunning(); // a stream cut by shutdown is not an answer
        if (cancel.requested()) {
            recorder.abort(RunStepStatus.CANCELLED, null);
            return new TurnOutcome.Cancelled(usage == null ? Usage.ZERO : usage);
        }
        Usage used = usage != null ? usage : Usage.of(Tokens.estimate(prompt), recorder.estimatedCompletionTokens());
        admission.record(used.promptTokens(), used.completionTokens()); // the usage its step records
        boolean cutOff = reason == FinishReason.LENGTH;
        List<RequiredToolCall> calls = recorder.finish(used, cutOff);
        if (cutOff) {
            return new TurnOutcome.CutOff(used);
        }
        if (recorder.tools().usedServerTools()) {
            if (!runServerTools(recorder.tools())) {
                recorder.abort(RunStepStatus.CANCELLED, null);
                return new TurnOutcome.Cancelled(used);
            }
            recorder.tools().serverCallsDone(!calls.isEmpty());
            if (calls.isEmpty()) {
                return new TurnOutcome.UsedTools(used);
            }
        }
        return calls.isEmpty()
                ? new TurnOutcome.Answered(used)
                : new TurnOutcome.CalledFunctions(used, recorder.tools().stepId(), calls);
    }

    /**
     * Runs the file_search and code_interpreter calls in the model's order and records their results; false when the
     * run was cancelled meanwhile (then the caller aborts it).
     */
    private boolean runServerTools(ToolCallRecorder tools) {
        FileSearchRunner searches = new FileSearchRunner(ctx, projectId, run);
        CodeRunner codes = new CodeRunner(ctx, projectId, run, cancel);
        for (ToolCallRecorder.ServerCall call : tools.serverCalls()) {
            if (cancel.requested()) {
                return false;
            }
            switch (call) {
                case ToolCallRecorder.FileSearchCall search ->
                    tools.searched(searches.execute(search.id(), search.arguments(), search.turn()));
                case ToolCallRecorder.CodeCall code ->
                    tools.executed(code.index(), codes.execute(code.id(), code.arguments()));
            }
        }
        return !cancel.requested();
    }

    private static int fileSearchCalls(List<RunStep> steps) {
        int count = 0;
        for (RunStep step : steps) {
            if (step.stepDetails() instanceof StepDetails.ToolCalls calls) {
                count += (int) calls.toolCalls().stream()
                        .filter(StepToolCall.FileSearch.class::isInstance)
                        .count();
            }
        }
        return count;
    }

    /** The chat request of a model call of {@code run}, after {@code steps}. */
    static ChatRequest request(Run run, List<RunStep> steps, String upstreamModel, List<ChatMessage> prompt) {
        Set<String> builtIns = new HashSet<>();
        if (FileSearchTools.of(run).isPresent()) {
            builtIns.add(FileSearchTools.NAME);
        }
        if (CodeInterpreterTools.enabled(run)) {
            builtIns.add(CodeInterpreterTools.NAME);
        }
        List<FunctionDefinition> functions = new ArrayList<>();
        run.tools().stream()
                .filter(FunctionTool.class::isInstance)
                .map(tool -> ((FunctionTool) tool).function())
                .filter(function -> !builtIns.contains(function.name()))
                .forEach(functions::add);
        if (builtIns.contains(FileSearchTools.NAME)) {
            functions.add(FileSearchTools.definition());
        }
        if (builtIns.contains(CodeInterpreterTools.NAME)) {
            functions.add(CodeInterpreterTools.definition());
        }
        boolean madeToolCalls = steps.stream().anyMatch(step -> step.stepDetails() instanceof StepDetails.ToolCalls);
        var toolChoice = functions.isEmpty() ? null : FileSearchTools.upstreamChoice(run, builtIns, madeToolCalls);
        var responseFormat =
                run.responseFormat() == null || run.responseFormat().isTextual() ? null : run.responseFormat();
        return new ChatRequest(
                upstreamModel,
                prompt,
                functions,
                toolChoice,
                functions.isEmpty() ? null : run.parallelToolCalls(),
                run.temperature(),
                run.topP(),
                run.maxCompletionTokens(),
                responseFormat,
                run.reasoningEffort());
    }

    /** Sleeps unless cancelled; false when the run was cancelled meanwhile. */
    private boolean sleep(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        try {
            while (!cancel.requested() && System.nanoTime() < deadline) {
                Thread.sleep(Math.min(50, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.checkRunning();
            return false;
        }
        return !cancel.requested();
    }
}
