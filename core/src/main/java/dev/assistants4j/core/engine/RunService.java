package dev.assistants4j.core.engine;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.access.ModelGate;
import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.service.FileReferences;
import dev.assistants4j.core.service.FileService;
import dev.assistants4j.core.service.ImageFiles;
import dev.assistants4j.core.service.MessageService;
import dev.assistants4j.core.service.Patch;
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

    private final Stores stores;
    private final ThreadService threads;
    private final FileReferences files;
    private final NewRuns newRuns;
    private final EngineContext ctx;
    private final RunExpiry expiry;
    private final RunExecutor executor;
    private NodeLeases nodeLeases;

    /**
     * @param threads creates the threads of create-thread-and-run
     * @param files stores what code_interpreter calls produce, reads their input files and the images of prompts
     * @param router routes the models runs name
     * @param fileSearch what file_search calls search
     * @param code the code interpreter that code_interpreter calls run in; creating a run with the code_interpreter
     *     tool is refused (400) while it has no interpreter to give
     * @param access the gate every model call of a run passes ({@link RunAccess#OPEN}: none)
     */
    public RunService(
            Stores stores,
            ThreadService threads,
            FileService files,
            ModelRouter router,
            FileSearch fileSearch,
            CodeInterpreterSource code,
            Clock clock,
            EngineSettings settings,
            RunAccess access) {
        this.stores = stores;
        this.threads = threads;
        this.files = FileReferences.in(stores.files(), new ImageFiles(files));
        this.newRuns = new NewRuns(router, code);
        RunEvents events = new RunEvents();
        RunStates states = new RunStates(stores, events, clock);
        this.expiry = new RunExpiry(states, clock);
        this.ctx = new EngineContext(
                stores,
                router,
                events,
                states,
                expiry,
                fileSearch,
                code,
                files,
                clock,
                settings,
                new AtomicBoolean(),
                access);
        this.executor = new RunExecutor(ctx);
    }

    /** A run that was just created or resumed, and its events from that moment on. */
    public record StartedRun(Run run, RunEventLog.Subscription events) {}

    public StartedRun create(String projectId, String threadId, RunCreateRequest request) {
        return create(Caller.master(projectId), threadId, request);
    }

    /**
     * Creates a run for {@code caller}, in its project: its model must be allowed, its key and team within budget and
     * rate limits (else the request is refused), and every model call of the run charges its key.
     */
    public StartedRun create(Caller caller, String threadId, RunCreateRequest request) {
        String projectId = caller.projectId();
        threads.retrieve(projectId, threadId);
        Assistant assistant = assistant(projectId, request.assistantId());
        files.requireMessages(projectId, request.additionalMessages(), "additional_messages");
        ModelRouter.RoutedModel routed = newRuns.check(assistant, request);
        Run run = newRun(Ids.next(Ids.RUN), threadId, assistant, request);
        Optional<Run> active = stores.runs().findActive(projectId, threadId);
        if (active.isPresent()) { // refused before a first model call is sent for it; the insert checks again
            throw activeRun(threadId, active.get());
        }
        ModelGate.Admission admission = admit(caller, run.id(), assistant, request);
        RunEventLog log = ctx.events().log(run.id());
        return start(caller, run, routed, request, log.subscribe(log.size()), admission);
    }

    /** The first model call of a new run passes the gate now: a refusal refuses the request. */
    private ModelGate.Admission admit(Caller caller, String runId, Assistant assistant, RunCreateRequest request) {
        String model = request.model() != null ? request.model() : assistant.model();
        return ctx.access().gate().admit(caller, ModelTurn.modelCall(model, runId));
    }

    /**
     * Creates the thread and its run. Everything is checked before anything is stored: the assistant, the files the
     * thread and the request's tool_resources name (404s), the vector stores they name (created when asked for
     * inline), then the run's model and tools.
     */
    public StartedRun createThreadAndRun(String projectId, ThreadAndRunCreateRequest request) {
        return createThreadAndRun(Caller.master(projectId), request);
    }

    /** As {@link #createThreadAndRun(String, ThreadAndRunCreateRequest)}, for {@code caller} (see {@link #create}). */
    public StartedRun createThreadAndRun(Caller caller, ThreadAndRunCreateRequest request) {
        String projectId = caller.projectId();
        RunCreateRequest runRequest = request.run();
        Assistant assistant = assistant(projectId, runRequest.assistantId());
        ThreadService.Prepared thread = threads.prepare(projectId, request.thread(), request.toolResources());
        ModelRouter.RoutedModel routed = newRuns.check(assistant, runRequest);
        String runId = Ids.next(Ids.RUN);
        ModelGate.Admission admission = admit(caller, runId, assistant, runRequest);
        AssistantThread created;
        try {
            created = threads.insert(projectId, thread);
        } catch (RuntimeException e) {
            admission.close();
            throw e;
        }
        Run run = newRun(runId, created.id(), assistant, runRequest);
        RunEventLog log = ctx.events().log(run.id());
        RunEventLog.Subscription events = log.subscribe(log.size());
        ctx.events().publish(run.id(), new RunEvent.ThreadCreated(created));
        return start(caller, run, routed, runRequest, events, admission);
    }

    /**
     * Stores {@code created} with its additional messages and starts executing it. The run is stored already
     * {@code in_progress} (one commit, not two; the events still go created, queued, in_progress), and its first model
     * call is sent before that commit so the two overlap (see {@link FirstCall}).
     */
    private StartedRun start(
            Caller caller,
            Run created,
            ModelRouter.RoutedModel routed,
            RunCreateRequest request,
            RunEventLog.Subscription events,
            ModelGate.Admission admission) {
        String projectId = caller.projectId();
        List<Message> added = request.additionalMessages().stream()
                .map(message -> MessageService.newMessage(created.threadId(), created.createdAt(), message))
                .toList();
        Run run = created.toBuilder()
                .status(RunStatus.IN_PROGRESS)
                .startedAt(created.createdAt())
                .build();
        CancelSignal cancel;
        try {
            cancel = executor.reserve(run.id());
        } catch (RuntimeException e) {
            admission.close();
            throw e;
        }
        Optional<FirstCall> first = Optional.empty();
        RunStore.Insertion.Stored stored;
        try {
            caller.keyId().ifPresent(key -> ctx.access().runKeys().rememberRunKey(run.id(), key));
            first = FirstCall.start(ctx, projectId, run, routed, added);
            stored = switch (stores.runs().insertIfIdle(projectId, run, added)) {
                case RunStore.Insertion.Stored done -> done;
                case RunStore.Insertion.Refused refused -> throw activeRun(run.threadId(), refused.active());
            };
        } catch (RuntimeException e) {
            admission.close();
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
        executor.start(caller, run, routed, cancel, usable, admission);
        return new StartedRun(created, events);
    }

    public Run retrieve(String projectId, String threadId, String runId) {
        return stores.runs().find(projectId, threadId, runId).orElseThrow(() -> NotFoundException.of("run", runId));
    }

    public Page<Run> list(String projectId, String threadId, PageRequest page) {
        threads.retrieve(projectId, threadId);
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
        if (run.status() == RunStatus.CANCELLING && !executor.cancel(runId) && !executingElsewhere(runId)) {
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

    /**
     * Brings every run left unfinished by a previous process to a spec status, or resumes it. On a node that shares
     * its database, only the expiries are scheduled here: the runs of dead nodes (this node's previous process among
     * them) are taken over once their leases expire, by this node or another ({@link NodeLeases}).
     */
    public synchronized void recover() {
        new RunRecovery(ctx, executor).recoverAll();
        if (ctx.settings().node().shared() && nodeLeases == null) {
            nodeLeases = NodeLeases.start(ctx, executor);
        }
    }

    private Run newRun(String runId, String threadId, Assistant assistant, RunCreateRequest request) {
        long now = ctx.now();
        return newRuns.create(
                runId,
                threadId,
                assistant,
                request,
                now,
                now + ctx.settings().requiresActionTimeout().toSeconds());
    }

    /** True when another node executes the run: it sees the cancel within its cancel poll and ends the run. */
    private boolean executingElsewhere(String runId) {
        NodeSettings node = ctx.settings().node();
        return node.shared()
                && stores.runLeases()
                        .heldByAnother(runId, node.nodeId(), ctx.clock().instant());
    }

    private Run cancelledNow(Run current) {
        return current.toBuilder()
                .status(RunStatus.CANCELLED)
                .requiredAction(null)
                .cancelledAt(ctx.now())
                .build();
    }

    private Assistant assistant(String projectId, String assistantId) {
        return stores.assistants()
                .find(projectId, assistantId)
                .orElseThrow(() -> NotFoundException.of("assistant", assistantId));
    }

    private static InvalidRequestException activeRun(String threadId, Run active) {
        return new InvalidRequestException(
                "Thread " + threadId + " already has an active run " + active.id() + ".", null);
    }

    @Override
    public synchronized void close() {
        ctx.stopping().set(true);
        if (nodeLeases != null) {
            nodeLeases.close();
        }
        executor.close();
        expiry.close();
        ctx.states().close();
    }
}
