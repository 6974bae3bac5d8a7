package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run of an assistant on a thread (OpenAI's {@code thread.run}). Timestamps are Unix seconds; the optional ones
 * are null until they happen.
 *
 * @param toolChoice "none", "auto", "required" or a {@code {"type":"function",…}} object
 * @param responseFormat "auto" or a {@code {"type":…}} object
 */
@JsonPropertyOrder({"id", "object", "created_at"})
public record Run(
        String id,
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
        TruncationStrategy truncationStrategy,
        JsonNode toolChoice,
        boolean parallelToolCalls,
        JsonNode responseFormat,
        String reasoningEffort) {

    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(assistantId, "assistantId");
        Objects.requireNonNull(status, "status");
        tools = tools == null ? List.of() : List.copyOf(tools);
        metadata = Metadata.copyOf(metadata);
        truncationStrategy = truncationStrategy == null ? TruncationStrategy.AUTO : truncationStrategy;
    }

    /**
     * A run just created: {@code queued} at {@code createdAt}, to expire at {@code expiresAt} unless it ends first,
     * with nothing happened yet (no required action, error, usage or lifecycle time).
     */
    public static Run queued(
            String id, long createdAt, String threadId, String assistantId, long expiresAt, RunSettings settings) {
        return new Run(
                id,
                createdAt,
                threadId,
                assistantId,
                RunStatus.QUEUED,
                null,
                null,
                expiresAt,
                null,
                null,
                null,
                null,
                null,
                settings.model(),
                settings.instructions(),
                settings.tools(),
                settings.metadata(),
                null,
                settings.temperature(),
                settings.topP(),
                settings.maxPromptTokens(),
                settings.maxCompletionTokens(),
                settings.truncationStrategy(),
                settings.toolChoice(),
                settings.parallelToolCalls(),
                settings.responseFormat(),
                settings.reasoningEffort());
    }

    @JsonProperty("object")
    public String object() {
        return "thread.run";
    }

    /** A builder that starts from this run, for state transitions. */
    public RunBuilder toBuilder() {
        return new RunBuilder(this);
    }
}
