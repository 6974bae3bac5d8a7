package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.RequiredAction.RequiredToolCall;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.domain.StepToolCall;
import dev.assistants4j.core.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks submitted tool outputs against a run's required action, and puts them in its tool_calls step. */
final class ToolOutputs {

    private ToolOutputs() {}

    /** Refuses outputs for a run not waiting for them, for unknown or repeated call ids, or with calls missing. */
    static void check(Run run, List<ToolOutput> outputs) {
        if (run.status() != RunStatus.REQUIRES_ACTION || run.requiredAction() == null) {
            throw new InvalidRequestException(
                    "Runs in status \"" + run.status().wireName() + "\" do not accept tool outputs.", null);
        }
        Set<String> expected = new LinkedHashSet<>();
        for (RequiredToolCall call : run.requiredAction().submitToolOutputs().toolCalls()) {
            expected.add(call.id());
        }
        Set<String> given = new LinkedHashSet<>();
        for (int i = 0; i < outputs.size(); i++) {
            String id = outputs.get(i).toolCallId();
            String param = "tool_outputs[" + i + "].tool_call_id";
            if (!expected.contains(id)) {
                throw new InvalidRequestException(
                        "No tool call found with id '" + id + "' in the run's required action.", param);
            }
            if (!given.add(id)) {
                throw new InvalidRequestException("Duplicate output for tool call '" + id + "'.", param);
            }
        }
        if (!given.equals(expected)) {
            Set<String> missing = new LinkedHashSet<>(expected);
            missing.removeAll(given);
            throw new InvalidRequestException(
                    "Expected tool outputs for call_ids " + expected + ", got " + given + "; missing " + missing + ".",
                    "tool_outputs");
        }
    }

    /** The run's open tool_calls steps with the outputs put in, completed (for the caller to store). */
    static List<RunStep> answered(EngineContext ctx, String projectId, Run run, List<ToolOutput> outputs) {
        Map<String, String> byId = new HashMap<>();
        outputs.forEach(output -> byId.put(output.toolCallId(), output.output()));
        List<RunStep> answered = new ArrayList<>();
        for (RunStep step : RunSteps.open(ctx, projectId, run.threadId(), run.id())) {
            if (step.stepDetails() instanceof StepDetails.ToolCalls calls) {
                List<StepToolCall> withOutputs = calls.toolCalls().stream()
                        .map(call -> switch (call) {
                            case StepToolCall.Function function ->
                                byId.containsKey(function.id()) ? function.withOutput(byId.get(function.id())) : call;
                            case StepToolCall.FileSearch search -> search; // the engine ran it already
                            case StepToolCall.CodeInterpreter code -> code;
                        })
                        .toList();
                answered.add(step.withDetails(new StepDetails.ToolCalls(withOutputs))
                        .finish(RunStepStatus.COMPLETED, ctx.now(), null, step.usage()));
            }
        }
        return answered;
    }
}
