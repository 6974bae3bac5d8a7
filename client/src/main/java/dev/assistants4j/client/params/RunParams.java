package dev.assistants4j.client.params;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.client.model.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of create run (and of create thread and run): the assistant, and what the run overrides of it.
 * {@code fileSearchContent} is not in the body: it asks for file_search results' content in run steps (the query
 * parameter {@code include[]}).
 */
public record RunParams(
        String assistantId,
        String model,
        String instructions,
        String additionalInstructions,
        List<MessageParams> additionalMessages,
        List<Tool> tools,
        Map<String, String> metadata,
        Double temperature,
        Double topP,
        Integer maxPromptTokens,
        Integer maxCompletionTokens,
        JsonNode truncationStrategy,
        JsonNode toolChoice,
        Boolean parallelToolCalls,
        JsonNode responseFormat,
        @JsonIgnore boolean fileSearchContent,
        @JsonAnyGetter Map<String, Object> extra)
        implements RequestParams {

    public RunParams {
        Objects.requireNonNull(assistantId, "assistantId");
        additionalMessages = Copies.list(additionalMessages);
        tools = Copies.list(tools);
        metadata = Copies.map(metadata);
        extra = Copies.extra(extra);
    }

    /** A run of {@code assistantId} with its settings. */
    public static RunParams of(String assistantId) {
        return builder(assistantId).build();
    }

    public static Builder builder(String assistantId) {
        return new Builder(assistantId);
    }

    /** Builds {@link RunParams}; not thread-safe. */
    public static final class Builder extends ModelSettingsBuilder<Builder> {
        private final String assistantId;
        private String additionalInstructions;
        private List<MessageParams> additionalMessages;
        private Integer maxPromptTokens;
        private Integer maxCompletionTokens;
        private JsonNode truncationStrategy;
        private JsonNode toolChoice;
        private Boolean parallelToolCalls;
        private boolean fileSearchContent;

        private Builder(String assistantId) {
            this.assistantId = Objects.requireNonNull(assistantId, "assistantId");
        }

        /** Appended to the instructions for this run. */
        public Builder additionalInstructions(String additionalInstructions) {
            this.additionalInstructions = additionalInstructions;
            return this;
        }

        /** Adds a message to the thread before the run starts. */
        public Builder additionalMessage(MessageParams message) {
            if (additionalMessages == null) {
                additionalMessages = new ArrayList<>();
            }
            additionalMessages.add(message);
            return this;
        }

        public Builder maxPromptTokens(int maxPromptTokens) {
            this.maxPromptTokens = maxPromptTokens;
            return this;
        }

        public Builder maxCompletionTokens(int maxCompletionTokens) {
            this.maxCompletionTokens = maxCompletionTokens;
            return this;
        }

        /** {@code {"type":"auto"}} or {@code {"type":"last_messages","last_messages":N}}. */
        public Builder truncationStrategy(JsonNode truncationStrategy) {
            this.truncationStrategy = truncationStrategy;
            return this;
        }

        /** {@code "none"}, {@code "auto"}, {@code "required"} or a named tool, as JSON. */
        public Builder toolChoice(JsonNode toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        public Builder parallelToolCalls(boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        /** Asks for file_search results' content in the run's steps. */
        public Builder fileSearchContent(boolean fileSearchContent) {
            this.fileSearchContent = fileSearchContent;
            return this;
        }

        public RunParams build() {
            return new RunParams(
                    assistantId,
                    model,
                    instructions,
                    additionalInstructions,
                    additionalMessages,
                    tools,
                    metadata,
                    temperature,
                    topP,
                    maxPromptTokens,
                    maxCompletionTokens,
                    truncationStrategy,
                    toolChoice,
                    parallelToolCalls,
                    responseFormat,
                    fileSearchContent,
                    extra);
        }
    }
}
