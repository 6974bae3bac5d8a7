package dev.assistants4j.client.model;

import java.util.List;

/** A file attached to a message, and the tools that may read it. */
public record Attachment(String fileId, List<Tool> tools) {}
