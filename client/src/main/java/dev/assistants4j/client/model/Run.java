package dev.assistants4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A run: an assistant working on a thread. {@code requiredAction} is set while the status is
 * {@link RunStatus#REQUIRES_ACTION} (function calls waiting for outputs); {@code lastError} once it failed.
 */
public record Run(
        String id,
        String object,
        long createdAt,
        String threadId,
        String assistantId,
        RunStatus status,
        RequiredAction requiredAction,
        LastError lastError,
        Long expiresAt,
        Long startedAt,
        Long cancelledAt,
        Long failedAt,
        Long completedAt,
        IncompleteDetails incompleteDetails,
        String model,
        String instructions,
        List<Tool> tools,
        Map<String, String> metadata,
        Usage usage,
        Double temperature,
        Double topP,
        Integer maxPromptTokens,
        Integer maxCompletionTokens,
        JsonNode truncationStrategy,
        JsonNode toolChoice,
        Boolean parallelToolCalls,
        JsonNode responseFormat) {

    public Run {
        status = status == null ? RunStatus.UNKNOWN : status;
    }

    /** The function calls waiting for outputs; empty unless the run requires action. */
    public List<ToolCall.FunctionToolCall> toolCallsToAnswer() {
        if (requiredAction == null || requiredAction.submitToolOutputs() == null) {
            return List.of();
        }
        return requiredAction.submitToolOutputs().toolCalls();
    }

    /** What a run waits for: {@code submit_tool_outputs} with the function calls to answer. */
    public record RequiredAction(String type, SubmitToolOutputs submitToolOutputs) {}

    /** The function calls a run waits for. */
    public record SubmitToolOutputs(List<ToolCall.FunctionToolCall> toolCalls) {
        public SubmitToolOutputs {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }
    }

    /** Why a run is incomplete ({@code max_completion_tokens}, {@code max_prompt_tokens}). */
    public record IncompleteDetails(String reason) {}
}
