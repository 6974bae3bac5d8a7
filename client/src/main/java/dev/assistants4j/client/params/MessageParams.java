package dev.assistants4j.client.params;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.client.model.Attachment;
import dev.assistants4j.client.model.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of create message (also a thread's initial messages and a run's additional messages): a role
 * ({@code user} by default), content (a string, or an array of parts: see {@link #textPart}, {@link #imageFilePart},
 * {@link #imageUrlPart}), attachments and metadata.
 */
public record MessageParams(
        String role,
        JsonNode content,
        List<Attachment> attachments,
        Map<String, String> metadata,
        @JsonAnyGetter Map<String, Object> extra)
        implements RequestParams {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public MessageParams {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        attachments = Copies.list(attachments);
        metadata = Copies.map(metadata);
        extra = Copies.extra(extra);
    }

    /** A user message with {@code text}. */
    public static MessageParams user(String text) {
        return builder().text(text).build();
    }

    /** An assistant message with {@code text} (to replay a conversation). */
    public static MessageParams assistant(String text) {
        return builder().role("assistant").text(text).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A text content part. */
    public static ObjectNode textPart(String text) {
        return NODES.objectNode().put("type", "text").put("text", text);
    }

    /** An image file content part. */
    public static ObjectNode imageFilePart(String fileId) {
        ObjectNode part = NODES.objectNode().put("type", "image_file");
        part.putObject("image_file").put("file_id", fileId);
        return part;
    }

    /** An image URL content part. */
    public static ObjectNode imageUrlPart(String url) {
        ObjectNode part = NODES.objectNode().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    /** Builds {@link MessageParams}; not thread-safe. */
    public static final class Builder extends ParamsBuilder<Builder> {
        private String role = "user";
        private JsonNode content;
        private List<Attachment> attachments;

        private Builder() {}

        /** {@code user} (the default) or {@code assistant}. */
        public Builder role(String role) {
            this.role = role;
            return this;
        }

        /** The content as a string. */
        public Builder text(String text) {
            this.content = NODES.textNode(text);
            return this;
        }

        /** The content as parts. */
        public Builder parts(List<? extends JsonNode> parts) {
            ArrayNode array = NODES.arrayNode();
            parts.forEach(array::add);
            this.content = array;
            return this;
        }

        /** Attaches a file for the tools that read it. */
        public Builder attachment(String fileId, Tool... tools) {
            if (attachments == null) {
                attachments = new ArrayList<>();
            }
            attachments.add(new Attachment(fileId, List.of(tools)));
            return this;
        }

        public MessageParams build() {
            return new MessageParams(role, content, attachments, metadata, extra);
        }
    }
}
