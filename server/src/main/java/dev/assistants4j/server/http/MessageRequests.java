package dev.assistants4j.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.domain.Attachment;
import dev.assistants4j.core.domain.ImageFileContent;
import dev.assistants4j.core.domain.ImageUrlContent;
import dev.assistants4j.core.domain.MessageContent;
import dev.assistants4j.core.domain.MessageRole;
import dev.assistants4j.core.domain.TextContent;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.service.MessageCreateRequest;
import dev.assistants4j.core.service.Patch;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads message bodies: a string or an array of text / image_file / image_url parts, attachments, metadata. */
final class MessageRequests {

    static final int MAX_TEXT = 256_000;
    static final int MAX_PARTS = 100;
    static final int MAX_ATTACHMENTS = 20;

    private static final Set<String> FIELDS = Set.of("role", "content", "attachments", "metadata");
    private static final Set<String> DETAILS = Set.of("auto", "low", "high");

    private MessageRequests() {}

    static MessageCreateRequest create(JsonObjectReader body) {
        body.allowOnly(FIELDS);
        String role = body.oneOf("role", Set.of("user", "assistant")).orElseThrow(() -> body.missing("role"));
        return new MessageCreateRequest(
                role.equals("user") ? MessageRole.USER : MessageRole.ASSISTANT,
                content(body),
                body.array("attachments", MAX_ATTACHMENTS, MessageRequests::attachment)
                        .orElse(List.of()),
                body.metadata("metadata").orElse(null));
    }

    /** A message given inside another body (create thread's {@code messages[i]}). */
    static MessageCreateRequest nested(JsonNode value, String path) {
        return create(JsonObjectReader.of(value, path));
    }

    /** A modify body: only metadata can change. */
    static Patch<Map<String, String>> modify(JsonObjectReader body) {
        body.allowOnly(Set.of("metadata"));
        return body.patch("metadata", body::metadata);
    }

    private static List<MessageContent> content(JsonObjectReader body) {
        JsonNode content = body.value("content").orElseThrow(() -> body.missing("content"));
        if (content.isTextual()) {
            String text = body.string("content", MAX_TEXT).orElseThrow();
            if (text.isEmpty()) {
                throw new InvalidRequestException(
                        "Invalid '" + body.path("content") + "': empty string. Expected a non-empty string.",
                        body.path("content"),
                        "empty_string");
            }
            return List.of(TextContent.of(text));
        }
        if (!content.isArray()) {
            throw body.typeError("content", "a string or an array of content parts", content);
        }
        if (content.isEmpty()) {
            throw new InvalidRequestException(
                    "Invalid '" + body.path("content") + "': empty array. Expected an array with at least 1 element.",
                    body.path("content"),
                    "empty_array");
        }
        return body.array("content", MAX_PARTS, MessageRequests::part).orElseThrow();
    }

    private static MessageContent part(JsonNode value, String path) {
        JsonObjectReader part = JsonObjectReader.of(value, path);
        String type =
                part.oneOf("type", Set.of("text", "image_file", "image_url")).orElseThrow(() -> part.missing("type"));
        return switch (type) {
            case "text" -> {
                part.allowOnly(Set.of("type", "text"));
                if (!part.has("text")) {
                    throw part.missing("text");
                }
                yield TextContent.of(part.string("text", MAX_TEXT).orElseThrow(() -> part.missing("text")));
            }
            case "image_file" -> {
                part.allowOnly(Set.of("type", "image_file"));
                JsonObjectReader image = part.object("image_file")
                        .orElseThrow(() -> part.missing("image_file"))
                        .allowOnly(Set.of("file_id", "detail"));
                yield new ImageFileContent(new ImageFileContent.ImageFile(
                        image.requiredString("file_id"),
                        image.oneOf("detail", DETAILS).orElse(null)));
            }
            default -> {
                part.allowOnly(Set.of("type", "image_url"));
                JsonObjectReader image = part.object("image_url")
                        .orElseThrow(() -> part.missing("image_url"))
                        .allowOnly(Set.of("url", "detail"));
                String url = image.requiredString("url");
                if (!url.startsWith("https://") && !url.startsWith("http://") && !url.startsWith("data:image/")) {
                    throw new InvalidRequestException(
                            "Invalid '" + image.path("url") + "': expected an http(s) URL or a data:image/ URL.",
                            image.path("url"),
                            "invalid_value");
                }
                yield new ImageUrlContent(new ImageUrlContent.ImageUrl(
                        url, image.oneOf("detail", DETAILS).orElse(null)));
            }
        };
    }

    private static Attachment attachment(JsonNode value, String path) {
        JsonObjectReader attachment = JsonObjectReader.of(value, path).allowOnly(Set.of("file_id", "tools"));
        List<Attachment.AttachmentTool> tools = attachment
                .array("tools", 2, (tool, toolPath) -> {
                    JsonObjectReader reader =
                            JsonObjectReader.of(tool, toolPath).allowOnly(Set.of("type"));
                    return new Attachment.AttachmentTool(reader.oneOf("type", Set.of("file_search", "code_interpreter"))
                            .orElseThrow(() -> reader.missing("type")));
                })
                .orElse(List.of());
        return new Attachment(attachment.requiredString("file_id"), tools);
    }
}
