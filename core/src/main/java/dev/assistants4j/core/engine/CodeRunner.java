package dev.assistants4j.core.engine;

import dev.assistants4j.core.code.CodeExecution;
import dev.assistants4j.core.code.CodeInterpreterUnavailableException;
import dev.assistants4j.core.code.InputFile;
import dev.assistants4j.core.code.OutputFile;
import dev.assistants4j.core.code.SessionKey;
import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.StepToolCall;
import dev.assistants4j.core.service.FileUploadRequest;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes the model's code_interpreter calls in the thread's session: places the run's input files in
 * {@code /mnt/data}, runs the code (a cancel of the run interrupts it), stores each file and image it produced as a
 * file with purpose {@code assistants_output}, and builds the call's outputs and the tool message for the model. A
 * failing execution (an error, a timeout, a crash, an unavailable interpreter) is a result the model sees, not a
 * failed run.
 */
final class CodeRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CodeRunner.class);
    static final String OUTPUT_PURPOSE = "assistants_output";

    private final EngineContext ctx;
    private final String projectId;
    private final Run run;
    private final CancelSignal cancel;

    CodeRunner(EngineContext ctx, String projectId, Run run, CancelSignal cancel) {
        this.ctx = ctx;
        this.projectId = projectId;
        this.run = run;
        this.cancel = cancel;
    }

    /** A call before it ran: the code so far, no outputs. */
    static StepToolCall.CodeInterpreter pending(String callId, String input) {
        return new StepToolCall.CodeInterpreter(
                callId, new StepToolCall.CodeInterpreterDetails(input, List.of()), null);
    }

    /** Runs the call and returns it with its outputs and the model's tool message. */
    StepToolCall.CodeInterpreter execute(String callId, String arguments) {
        Optional<String> code = CodeInterpreterTools.code(arguments);
        if (code.isEmpty()) {
            String error = "code_interpreter needs {\"code\": \"...\"} with the Python code to run.";
            return done(callId, arguments, "", error, List.of(), List.of());
        }
        CodeExecution execution;
        try {
            execution = cancel.interruptibly(() ->
                    ctx.code().interpreter().execute(new SessionKey(projectId, run.threadId()), code.get(), inputs()));
        } catch (CodeInterpreterUnavailableException e) {
            return done(
                    callId,
                    arguments,
                    code.get(),
                    "The code interpreter is unavailable: " + e.getMessage(),
                    List.of(),
                    List.of());
        } catch (RuntimeException e) {
            ctx.checkRunning();
            LOG.warn("Run {}: code_interpreter call {} failed", run.id(), callId, e);
            String error = "The code interpreter failed to run the code; try again.";
            return done(callId, arguments, code.get(), error, List.of(), List.of());
        }
        ctx.checkRunning();
        List<StepToolCall.WrittenFile> written = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (OutputFile file : execution.files()) {
            store(file).ifPresent(stored -> {
                if (file.image()) {
                    images.add(stored.id());
                } else {
                    written.add(new StepToolCall.WrittenFile(file.name(), stored.id()));
                }
            });
        }
        return done(callId, arguments, code.get(), CodeInterpreterTools.logs(execution), written, images);
    }

    private StepToolCall.CodeInterpreter done(
            String callId,
            String arguments,
            String code,
            String logs,
            List<StepToolCall.WrittenFile> written,
            List<String> images) {
        List<StepToolCall.CodeOutput> outputs = new ArrayList<>();
        if (!logs.isEmpty()) {
            outputs.add(new StepToolCall.LogsOutput(logs));
        }
        images.forEach(id -> outputs.add(new StepToolCall.ImageOutput(new StepToolCall.ImageRef(id))));
        String result = CodeInterpreterTools.result(
                logs, written.stream().map(StepToolCall.WrittenFile::name).toList(), images.size());
        return new StepToolCall.CodeInterpreter(
                callId,
                new StepToolCall.CodeInterpreterDetails(code, outputs),
                new StepToolCall.CodeInterpreterTrace(arguments, result, written));
    }

    private Optional<FileObject> store(OutputFile file) {
        try {
            return Optional.of(
                    ctx.files().upload(projectId, new FileUploadRequest(file.name(), OUTPUT_PURPOSE, file.content())));
        } catch (RuntimeException e) {
            LOG.warn("Run {}: could not store the output file of {} bytes", run.id(), file.size(), e);
            return Optional.empty();
        }
    }

    private List<InputFile> inputs() {
        List<InputFile> inputs = new ArrayList<>();
        for (CodeInputs.Placed placed :
                CodeInputs.resolve(ctx.stores(), projectId, run, messages(ctx, projectId, run))) {
            inputs.add(new InputFile(placed.name(), () -> ctx.files().content(projectId, placed.fileId()).stream()));
        }
        return inputs;
    }

    /** The thread's messages, oldest first. */
    static List<Message> messages(EngineContext ctx, String projectId, Run run) {
        List<Message> items = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            Page<Message> page = ctx.stores()
                    .messages()
                    .list(
                            projectId,
                            run.threadId(),
                            Optional.empty(),
                            new PageRequest(PageRequest.MAX_LIMIT, ListOrder.ASC, after, Optional.empty()));
            items.addAll(page.data());
            if (!page.hasMore() || page.data().isEmpty()) {
                return items;
            }
            after = Optional.of(page.data().getLast().id());
        }
    }
}
