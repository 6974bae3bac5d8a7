package dev.assistants4j.client.params;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.client.model.Tool;
import dev.assistants4j.client.model.ToolResources;
import java.util.List;
import java.util.Map;

/** The body of create and modify assistant; {@code model} is required to create. */
public record AssistantParams(
        String model,
        String name,
        String description,
        String instructions,
        List<Tool> tools,
        ToolResources toolResources,
        Map<String, String> metadata,
        Double temperature,
        Double topP,
        JsonNode responseFormat,
        @JsonAnyGetter Map<String, Object> extra)
        implements RequestParams {

    public AssistantParams {
        tools = Copies.list(tools);
        metadata = Copies.map(metadata);
        extra = Copies.extra(extra);
    }

    /** A builder for creating an assistant on {@code model}. */
    public static Builder builder(String model) {
        return new Builder().model(model);
    }

    /** A builder with nothing set (for modify). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AssistantParams}; not thread-safe. */
    public static final class Builder extends ModelSettingsBuilder<Builder> {
        private String name;
        private String description;
        private ToolResources toolResources;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder toolResources(ToolResources toolResources) {
            this.toolResources = toolResources;
            return this;
        }

        public AssistantParams build() {
            return new AssistantParams(
                    model,
                    name,
                    description,
                    instructions,
                    tools,
                    toolResources,
                    metadata,
                    temperature,
                    topP,
                    responseFormat,
                    extra);
        }
    }
}
