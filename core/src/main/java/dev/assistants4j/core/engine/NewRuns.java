package dev.assistants4j.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.code.CodeInterpreterUnavailableException;
import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.domain.CodeInterpreterTool;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunSettings;
import dev.assistants4j.core.domain.Tool;
import dev.assistants4j.core.error.InvalidRequestException;
import java.util.List;

/**
 * Makes the run a create-run request asks for: its model, tools and settings from the request, else from the
 * assistant, else the API's defaults. Checks first that the model is configured (routing it, once for the request)
 * and that this server can run the tools. Thread-safe.
 */
final class NewRuns {

    private static final JsonNode AUTO = TextNode.valueOf("auto");

    private final ModelRouter router;
    private final CodeInterpreterSource code;

    NewRuns(ModelRouter router, CodeInterpreterSource code) {
        this.router = router;
        this.code = code;
    }

    /**
     * Where the run's model goes; throws a 400 when it is not configured, or when the run has the code_interpreter
     * tool and this server cannot run code (saying why).
     */
    ModelRouter.RoutedModel check(Assistant assistant, RunCreateRequest request) {
        String model = model(assistant, request);
        ModelRouter.RoutedModel routed = router.route(model)
                .orElseThrow(() -> new InvalidRequestException(
                        "The model '" + model + "' does not exist or is not configured on this server.",
                        "model",
                        "model_not_found"));
        checkCodeInterpreter(tools(assistant, request), request.tools() != null);
        return routed;
    }

    /** The run {@code runId}, {@code queued} at {@code now}, checked by {@link #check} first. */
    Run create(String runId, String threadId, Assistant assistant, RunCreateRequest request, long now, long expiresAt) {
        RunSettings settings = new RunSettings(
                model(assistant, request),
                instructions(assistant, request),
                tools(assistant, request),
                request.metadata(),
                first(request.temperature(), assistant.temperature(), 1.0),
                first(request.topP(), assistant.topP(), 1.0),
                request.maxPromptTokens(),
                request.maxCompletionTokens(),
                request.truncationStrategy(),
                request.toolChoice() != null ? request.toolChoice() : AUTO,
                request.parallelToolCalls() == null || request.parallelToolCalls(),
                request.responseFormat() != null ? request.responseFormat() : assistant.responseFormat(),
                request.reasoningEffort() != null ? request.reasoningEffort() : assistant.reasoningEffort());
        return Run.queued(runId, now, threadId, assistant.id(), expiresAt, settings);
    }

    private static String model(Assistant assistant, RunCreateRequest request) {
        return request.model() != null ? request.model() : assistant.model();
    }

    private static List<Tool> tools(Assistant assistant, RunCreateRequest request) {
        return request.tools() != null ? request.tools() : assistant.tools();
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

    /** Refuses a run with the code_interpreter tool when this server cannot run code, saying why. */
    private void checkCodeInterpreter(List<Tool> tools, boolean fromRequest) {
        if (tools.stream().noneMatch(CodeInterpreterTool.class::isInstance)) {
            return;
        }
        try {
            code.interpreter();
        } catch (CodeInterpreterUnavailableException e) {
            throw new InvalidRequestException(
                    "The code_interpreter tool is not available on this server"
                            + (fromRequest ? "" : " (the assistant has it; pass 'tools' without it to run anyway)")
                            + ": " + e.getMessage(),
                    "tools");
        }
    }
}
