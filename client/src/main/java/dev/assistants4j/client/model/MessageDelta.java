package dev.assistants4j.client.model;

import java.util.List;

/** A streamed change to a message ({@code thread.message.delta}): new content appended to parts by index. */
public record MessageDelta(String id, String object, Delta delta) {

    /** The parts of the change. */
    public List<ContentDelta> content() {
        return delta == null || delta.content() == null ? List.of() : delta.content();
    }

    /** The text this change appends, over all its text parts. */
    public String text() {
        StringBuilder text = new StringBuilder();
        content().stream()
                .filter(part -> part.text() != null && part.text().value() != null)
                .forEach(part -> text.append(part.text().value()));
        return text.toString();
    }

    /** The change: the role (first delta only) and content parts. */
    public record Delta(String role, List<ContentDelta> content) {}

    /** The change to the content part at {@code index}; which field is set depends on {@code type}. */
    public record ContentDelta(
            int index,
            String type,
            TextDelta text,
            MessageContent.ImageFile imageFile,
            MessageContent.ImageUrl imageUrl,
            String refusal) {}
}
