package dev.assistants4j.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.domain.Tool;
import dev.assistants4j.core.domain.TruncationStrategy;
import dev.assistants4j.core.service.MessageCreateRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated create-run body. Null fields take the assistant's value (or the API default).
 *
 * @param additionalMessages added to the thread before the run starts
 */
public record RunCreateRequest(
        String assistantId,
        String model,
        String instructions,
        String additionalInstructions,
        List<MessageCreateRequest> additionalMessages,
        List<Tool> tools,
        Map<String, String> metadata,
        Double temperature,
        Double topP,
        Integer maxPromptTokens,
        Integer maxCompletionTokens,
        TruncationStrategy truncationStrategy,
        JsonNode toolChoice,
        Boolean parallelToolCalls,
        JsonNode responseFormat,
        String reasoningEffort) {

    public RunCreateRequest {
        Objects.requireNonNull(assistantId, "assistantId");
        additionalMessages = additionalMessages == null ? List.of() : List.copyOf(additionalMessages);
    }
}
