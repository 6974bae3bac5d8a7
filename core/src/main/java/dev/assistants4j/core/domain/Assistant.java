package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An assistant: a model with instructions and tools. Serialises to the wire shape of OpenAI's assistant object.
 *
 * @param createdAt Unix seconds
 * @param responseFormat the string {@code "auto"} or a {@code {"type": …}} object
 */
@JsonPropertyOrder({"id", "object", "created_at"})
public record Assistant(
        String id,
        long createdAt,
        String name,
        String description,
        String model,
        String instructions,
        List<Tool> tools,
        ToolResources toolResources,
        Map<String, String> metadata,
        Double temperature,
        Double topP,
        JsonNode responseFormat,
        String reasoningEffort) {

    public Assistant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        tools = tools == null ? List.of() : List.copyOf(tools);
        toolResources = toolResources == null ? ToolResources.EMPTY : toolResources;
        metadata = Metadata.copyOf(metadata);
        responseFormat = responseFormat == null || responseFormat.isNull() ? AUTO : responseFormat;
    }

    private static final JsonNode AUTO = com.fasterxml.jackson.databind.node.TextNode.valueOf("auto");

    @JsonProperty("object")
    public String object() {
        return "assistant";
    }
}
