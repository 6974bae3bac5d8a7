package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.ToolResources;
import java.util.Map;

/** A validated {@code POST /threads/{id}} body. */
public record ThreadModifyRequest(Patch<ToolResources> toolResources, Patch<Map<String, String>> metadata) {}
