package dev.assistants4j.client.model;

import java.util.List;

/** A streamed change to a run step ({@code thread.run.step.delta}): tool calls' arguments, code and outputs. */
public record RunStepDelta(String id, String object, Delta delta) {

    /** The tool call changes; empty for a message creation step. */
    public List<ToolCallDelta> toolCalls() {
        if (delta == null || delta.stepDetails() == null || delta.stepDetails().toolCalls() == null) {
            return List.of();
        }
        return delta.stepDetails().toolCalls();
    }

    /** The change. */
    public record Delta(StepDetailsDelta stepDetails) {}

    /** The change to the step's details. */
    public record StepDetailsDelta(
            String type, StepDetails.MessageRef messageCreation, List<ToolCallDelta> toolCalls) {}
}
