package dev.assistants4j.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assistants4j.core.Ids;
import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.code.CodeInterpreterUnavailableException;
import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.CodeInterpreterTool;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.Tool;
import dev.assistants4j.core.domain.ToolResources;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.service.FileReferences;
import dev.assistants4j.core.service.FileService;
import dev.assistants4j.core.service.ImageFiles;
import dev.assistants4j.core.service.MessageService;
import dev.assistants4j.core.service.Patch;
import dev.assistants4j.core.service.ThreadCreateRequest;
import dev.assistants4j.core.service.ThreadService;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.RunStore;
import dev.assistants4j.core.store.Stores;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs of assistants on threads: create (optionally with a new thread), read, list, modify, cancel, submit tool
 * outputs, and the run steps. Creating a run stores it {@code queued} and hands it to the embedded executor; the
 * returned subscription follows its events for streaming responses. Thread-safe.
 */
public final class RunService implements AutoCloseable {

    private static final JsonNode AUTO = TextNode.valueOf("auto");

    private final Stores stores;
    private final ModelRouter router;
    private final EngineContext ctx;
    private final RunExecutor executor = new RunExecutor();
    private final RunExpiry expiry = new RunExpiry();
    private final ThreadService threads;
    private final FileReferences files;

    public RunService(Stores stores, ModelRouter router, Clock clock, EngineSettings settings) {
        this(stores, router, clock, settings, FileSearch.NONE);
    }

    /** As {@link #RunService(Stores, ModelRouter, Clock, EngineSettings)}, with the search file_search calls use. */
    public RunService(Stores stores, ModelRouter router, Clock clock, EngineSettings settings, FileSearch fileSearch) {
        this(stores, router, clock, settings, fileSearch, CodeInterpreterSource.NONE, null);
    }

    /**
     * As {@link #RunService(Stores, ModelRouter, Clock, EngineSettings, FileSearch)}, with the code interpreter that
     * code_interpreter calls run in and the files service that stores their outputs and reads their inputs. Creating
     * a run with the code_interpreter tool is refused (400) while {@code code} has no interpreter to give.
     */
    public RunService(
            Stores stores,
            ModelRouter router,
            Clock clock,
            EngineSettings settings,
            FileSearch fileSearch,
            CodeInterpreterSource code,
            FileService files) {
        this.stores = stores;
        this.router = router;
        RunEvents events = new RunEvents();
        this.ctx = new EngineContext(
                stores,
                router,
                events,
                new RunStates(stores, events, clock),
                expiry,
                fileSearch,
                files == null ? CodeInterpreterSource.NONE : code,
                files,
                clock,
                settings,
                new AtomicBoolean());
        this.executor.bind(ctx);
        this.expiry.bind(ctx);
        this.threads = new ThreadService(stores.threads(), clock); // its requests are checked by checkThreadAndRun
        this.files = files == null
                ? FileReferences.in(stores.files())
                : FileReferences.in(stores.files(), new ImageFiles(files));
    }

    /** A run that was just created or resumed, and its events from that moment on. */
    public record StartedRun(Run run, RunEventLog.Subscription events) {}

    public StartedRun create(String projectId, String threadId, RunCreateRequest request) {
        requireThread(projectId, threadId);
        Assistant assistant = assistant(projectId, request.assistantId());
        files.requireMessages(projectId, request.additionalMessages(), "additional_messages");
        Run run = newRun(threadId, assistant, request);
        Optional<Run> active = stores.runs().findActive(projectId, threadId);
        if (active.isPresent()) { // refused before a first model call is sent for it; the insert checks again
            throw activeRun(threadId, active.get());
        }
        RunEventLog log = ctx.events().log(run.id());
        return start(projectId, run, request, log.subscribe(log.size()));
    }

    /**
     * Creates the thread and its run. The caller checks the request with {@link #checkThreadAndRun} first, then
     * resolves the thread's tool_resources (which may create vector stores).
     */
    public StartedRun createThreadAndRun(String projectId, ThreadCreateRequest thread, RunCreateRequest request) {
        Assistant assistant = assistant(projectId, request.assistantId());
        checkModel(request.model() != null ? request.model() : assistant.model());
        checkCodeInterpreter(request.tools() != null ? request.tools() : assistant.tools(), request.tools() != null);
        AssistantThread created = threads.create(projectId, thread);
        Run run = newRun(created.id(), assistant, request);
        RunEventLog log = ctx.events().log(run.id());
        RunEventLog.Subscription events = log.subscribe(log.size());
        ctx.events().publish(run.id(), new RunEvent.ThreadCreated(created));
        return start(projectId, run, request, events);
    }

    /**
     * Stores {@code created} with its additional messages and starts executing it. The run is stored already
     * {@code in_progress} (one commit, not two; the events still go created, queued, in_progress), and its first model
     * call is sent before that commit so the two overlap (see {@link FirstCall}).
     */
    private StartedRun start(String projectId, Run created, RunCreateRequest request, RunEventLog.Subscription events) {
        List<Message> added = request.additionalMessages().stream()
                .map(message -> MessageService.newMessage(created.threadId(), created.createdAt(), message))
                .toList();
        Run run = created.toBuilder()
                .status(RunStatus.IN_PROGRESS)
                .startedAt(created.createdAt())
                .build();
        CancelSignal cancel = executor.reserve(run.id());
        Optional<FirstCall> first = Optional.empty();
        RunStore.Insertion.Stored stored;
        try {
            first = FirstCall.start(ctx, projectId, run, added);
            stored = switch (stores.runs().insertIfIdle(projectId, run, added)) {
                case RunStore.Insertion.Stored done -> done;
                case RunStore.Insertion.Refused refused -> throw activeRun(run.threadId(), refused.active());
            };
        } catch (RuntimeException e) {
            first.ifPresent(FirstCall::discard);
            executor.forget(run.id(), cancel);
            ctx.events().release(run.id());
            throw e;
        }
        Optional<FirstCall> usable = first.filter(call -> call.builtFrom(stored.messageIds()));
        if (usable.isEmpty()) {
            first.ifPresent(FirstCall::discard); // a message came or went meanwhile: the loop builds the prompt
        }
        ctx.events().publish(run.id(), new RunEvent.RunCreated(created));
        ctx.events().publish(run.id(), new RunEvent.RunStatusChanged(created));
        ctx.states().publishStatus(run);
        executor.start(projectId, run, cancel, usable);
        return new StartedRun(created, events);
    }

    public Run retrieve(String projectId, String threadId, String runId) {
        return stores.runs().find(projectId, threadId, runId).orElseThrow(() -> NotFoundException.of("run", runId));
    }

    public Page<Run> list(String projectId, String threadId, PageRequest page) {
        requireThread(projectId, threadId);
        return stores.runs().list(projectId, threadId, page);
    }

    public Run modify(String projectId, String threadId, String runId, Patch<Map<String, String>> metadata) {
        retrieve(projectId, threadId, runId);
        return ctx.states()
                .update(
                        projectId,
                        threadId,
                        runId,
                        current -> Optional.of(current.toBuilder()
                                .metadata(metadata.apply(current.metadata()))
                                .build()));
    }

    /** Cancels a run: at once when it waits for tool outputs, else it moves to cancelling until the loop stops. */
    public Run cancel(String projectId, String threadId, String runId) {
        retrieve(projectId, threadId, runId);
        Run run = ctx.states().update(projectId, threadId, runId, current -> switch (current.status()) {
            case REQUIRES_ACTION -> Optional.of(cancelledNow(current));
            case QUEUED, IN_PROGRESS ->
                Optional.of(current.toBuilder().status(RunStatus.CANCELLING).build());
            case CANCELLING -> Optional.empty();
            case CANCELLED, FAILED, COMPLETED, INCOMPLETE, EXPIRED ->
                throw new InvalidRequestException(
                        "Cannot cancel run with status '" + current.status().wireName() + "'.", null);
        });
        if (run.status() == RunStatus.CANCELLING && !executor.cancel(runId)) {
            run = ctx.states()
                    .update(
                            projectId,
                            threadId,
                            runId,
                            current -> current.status() == RunStatus.CANCELLING
                                    ? Optional.of(cancelledNow(current))
                                    : Optional.empty());
        }
        return run;
    }

    /**
     * Hands function outputs to a run in requires_action and resumes it: the run goes back to {@code queued} and its
     * tool_calls step gets the outputs in one commit, so a crash keeps both or neither.
     */
    public StartedRun submitToolOutputs(String projectId, String threadId, String runId, List<ToolOutput> outputs) {
        Run current = retrieve(projectId, threadId, runId);
        ToolOutputs.check(current, outputs);
        RunEventLog log = ctx.events().log(runId);
        RunEventLog.Subscription events = log.subscribe(log.size());
        Run queued = ctx.states().change(projectId, threadId, runId, run -> {
            ToolOutputs.check(run, outputs);
            Run resumed = run.toBuilder()
                    .status(RunStatus.QUEUED)
                    .requiredAction(null)
                    .build();
            return Optional.of(new RunChange(resumed, ToolOutputs.answered(ctx, projectId, run, outputs)));
        });
        executor.resume(projectId, threadId, runId);
        return new StartedRun(queued, events);
    }

    public RunStep retrieveStep(String projectId, String threadId, String runId, String stepId) {
        retrieve(projectId, threadId, runId);
        return stores.runSteps()
                .find(projectId, threadId, runId, stepId)
                .orElseThrow(() -> NotFoundException.of("run step", stepId));
    }

    public Page<RunStep> listSteps(String projectId, String threadId, String runId, PageRequest page) {
        retrieve(projectId, threadId, runId);
        return stores.runSteps().list(projectId, threadId, runId, page);
    }

    /** Brings every run left unfinished by a previous process to a spec status, or resumes it. */
    public void recover() {
        new RunRecovery(ctx, executor).recoverAll();
    }

    private Run newRun(String threadId, Assistant assistant, RunCreateRequest request) {
        String model = request.model() != null ? request.model() : assistant.model();
        checkModel(model);
        List<Tool> tools = request.tools() != null ? request.tools() : assistant.tools();
        checkCodeInterpreter(tools, request.tools() != null);
        long now = ctx.now();
        return new Run(
                Ids.next(Ids.RUN),
                now,
                threadId,
                assistant.id(),
                RunStatus.QUEUED,
                null,
                null,
                now + ctx.settings().requiresActionTimeout().toSeconds(),
                null,
                null,
                null,
                null,
                null,
                model,
                instructions(assistant, request),
                tools,
                request.metadata(),
                null,
                first(request.temperature(), assistant.temperature(), 1.0),
                first(request.topP(), assistant.topP(), 1.0),
                request.maxPromptTokens(),
                request.maxCompletionTokens(),
                request.truncationStrategy(),
                request.toolChoice() != null ? request.toolChoice() : AUTO,
                request.parallelToolCalls() == null || request.parallelToolCalls(),
                request.responseFormat() != null ? request.responseFormat() : assistant.responseFormat(),
                request.reasoningEffort() != null ? request.reasoningEffort() : assistant.reasoningEffort());
    }

    private static String instructions(Assistant assistant, RunCreateRequest request) {
        String base = request.instructions() != null ? request.instructions() : assistant.instructions();
        String extra = request.additionalInstructions();
        if (extra == null || extra.isEmpty()) {
            return base == null ? "" : base; // the SDKs read run.instructions as a string
        }
        return base == null || base.isEmpty() ? extra : base + "\n\n" + extra;
    }

    private static Double first(Double requested, Double assistantValue, double fallback) {
        return requested != null ? requested : assistantValue != null ? assistantValue : fallback;
    }

    private void checkModel(String model) {
        if (router.route(model).isEmpty()) {
            throw new InvalidRequestException(
                    "The model '" + model + "' does not exist or is not configured on this server.",
                    "model",
                    "model_not_found");
        }
    }

    /** Refuses a run with the code_interpreter tool when this server cannot run code, saying why. */
    private void checkCodeInterpreter(List<Tool> tools, boolean fromRequest) {
        if (tools.stream().noneMatch(CodeInterpreterTool.class::isInstance)) {
            return;
        }
        try {
            ctx.code().interpreter();
        } catch (CodeInterpreterUnavailableException e) {
            throw new InvalidRequestException(
                    "The code_interpreter tool is not available on this server"
                            + (fromRequest ? "" : " (the assistant has it; pass 'tools' without it to run anyway)")
                            + ": " + e.getMessage(),
                    "tools");
        }
    }

    private Run cancelledNow(Run current) {
        return current.toBuilder()
                .status(RunStatus.CANCELLED)
                .requiredAction(null)
                .cancelledAt(ctx.now())
                .build();
    }

    /**
     * Throws the 404s of a create-thread-and-run before anything of it is created: an unknown assistant, or a file
     * named by the thread ({@code thread.tool_resources}, {@code thread.messages[i].attachments}) or by the request's
     * own {@code tool_resources} (null: none) that the project does not have.
     */
    public void checkThreadAndRun(
            String projectId, ThreadCreateRequest thread, ToolResources toolResources, RunCreateRequest request) {
        assistant(projectId, request.assistantId());
        files.requireThread(projectId, thread, "thread.");
        files.requireToolResources(projectId, toolResources, "tool_resources");
    }

    private Assistant assistant(String projectId, String assistantId) {
        return stores.assistants()
                .find(projectId, assistantId)
                .orElseThrow(() -> NotFoundException.of("assistant", assistantId));
    }

    private void requireThread(String projectId, String threadId) {
        if (stores.threads().find(projectId, threadId).isEmpty()) {
            throw NotFoundException.of("thread", threadId);
        }
    }

    private static InvalidRequestException activeRun(String threadId, Run active) {
        return new InvalidRequestException(
                "Thread " + threadId + " already has an active run " + active.id() + ".", null);
    }

    @Override
    public void close() {
        ctx.stopping().set(true);
        executor.close();
        expiry.close();
        ctx.states().close();
    }
}
