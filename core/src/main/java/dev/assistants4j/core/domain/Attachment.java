package dev.assistants4j.core.domain;

import java.util.List;
import java.util.Objects;

/** A file attached to a message and the tools it should be added to. */
public record Attachment(String fileId, List<AttachmentTool> tools) {
    public Attachment {
        Objects.requireNonNull(fileId, "fileId");
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /** True when the file is attached for the tool ({@code file_search} or {@code code_interpreter}). */
    public boolean isFor(String toolType) {
        return tools.stream().anyMatch(tool -> toolType.equals(tool.type()));
    }

    /**
     * A tool the attachment is for.
     *
     * @param type {@code file_search} or {@code code_interpreter}
     */
    public record AttachmentTool(String type) {}
}
