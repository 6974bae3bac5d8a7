package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.Objects;

/** A conversation thread (OpenAI's {@code thread} object). */
@JsonPropertyOrder({"id", "object", "created_at"})
public record AssistantThread(String id, long createdAt, Map<String, String> metadata, ToolResources toolResources) {

    public AssistantThread {
        Objects.requireNonNull(id, "id");
        metadata = Metadata.copyOf(metadata);
        toolResources = toolResources == null ? ToolResources.EMPTY : toolResources;
    }

    @JsonProperty("object")
    public String object() {
        return "thread";
    }
}
