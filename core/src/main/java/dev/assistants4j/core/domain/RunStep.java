package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.Objects;

/** A step of a run (OpenAI's {@code thread.run.step}): a message it created, or tool calls it made. */
@JsonPropertyOrder({"id", "object", "created_at"})
public record RunStep(
        String id,
        long createdAt,
        String assistantId,
        String threadId,
        String runId,
        RunStepStatus status,
        StepDetails stepDetails,
        LastError lastError,
        Long expiredAt,
        Long cancelledAt,
        Long failedAt,
        Long completedAt,
        Map<String, String> metadata,
        Usage usage) {

    public RunStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(stepDetails, "stepDetails");
        metadata = Metadata.copyOf(metadata);
    }

    /** A step {@code run} starts at {@code createdAt}: {@code in_progress}, without usage until it ends. */
    public static RunStep started(String id, long createdAt, Run run, StepDetails details) {
        return new RunStep(
                id,
                createdAt,
                run.assistantId(),
                run.threadId(),
                run.id(),
                RunStepStatus.IN_PROGRESS,
                details,
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                null);
    }

    @JsonProperty("object")
    public String object() {
        return "thread.run.step";
    }

    /** The wire name of the step type: {@code message_creation} or {@code tool_calls}. */
    @JsonProperty("type")
    public String type() {
        return stepDetails.type();
    }

    /** A copy in a final state at {@code now}. */
    public RunStep finish(RunStepStatus newStatus, long now, LastError error, Usage stepUsage) {
        return new RunStep(
                id,
                createdAt,
                assistantId,
                threadId,
                runId,
                newStatus,
                stepDetails,
                error,
                newStatus == RunStepStatus.EXPIRED ? Long.valueOf(now) : expiredAt,
                newStatus == RunStepStatus.CANCELLED ? Long.valueOf(now) : cancelledAt,
                newStatus == RunStepStatus.FAILED ? Long.valueOf(now) : failedAt,
                newStatus == RunStepStatus.COMPLETED ? Long.valueOf(now) : completedAt,
                metadata,
                stepUsage);
    }

    /** This step as clients see it without {@code include[]}: file_search results without their content. */
    public RunStep withoutFileSearchContent() {
        if (!(stepDetails instanceof StepDetails.ToolCalls calls)
                || calls.toolCalls().stream().noneMatch(StepToolCall.FileSearch.class::isInstance)) {
            return this;
        }
        return withDetails(new StepDetails.ToolCalls(calls.toolCalls().stream()
                .map(call -> call instanceof StepToolCall.FileSearch search ? search.withoutContent() : call)
                .toList()));
    }

    /** A copy with other details (tool call outputs filled in). */
    public RunStep withDetails(StepDetails details) {
        return copy(details, usage);
    }

    /** A copy with the tokens of the model call that made it. */
    public RunStep withUsage(Usage stepUsage) {
        return copy(stepDetails, stepUsage);
    }

    private RunStep copy(StepDetails details, Usage stepUsage) {
        return new RunStep(
                id,
                createdAt,
                assistantId,
                threadId,
                runId,
                status,
                details,
                lastError,
                expiredAt,
                cancelledAt,
                failedAt,
                completedAt,
                metadata,
                stepUsage);
    }
}
