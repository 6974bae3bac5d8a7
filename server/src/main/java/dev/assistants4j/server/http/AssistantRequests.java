package dev.assistants4j.server.http;

import dev.assistants4j.core.service.AssistantCreateRequest;
import dev.assistants4j.core.service.AssistantModifyRequest;
import java.util.Set;

/** Reads assistant create and modify bodies. */
final class AssistantRequests {

    static final int MAX_NAME = 256;
    static final int MAX_DESCRIPTION = 512;
    static final int MAX_INSTRUCTIONS = 256_000;

    private static final Set<String> FIELDS = Set.of(
            "model",
            "name",
            "description",
            "instructions",
            "tools",
            "tool_resources",
            "metadata",
            "temperature",
            "top_p",
            "response_format",
            "reasoning_effort");

    private AssistantRequests() {}

    static AssistantCreateRequest create(JsonObjectReader body) {
        body.allowOnly(FIELDS);
        String model = requireModel(body);
        return new AssistantCreateRequest(
                model,
                body.string("name", MAX_NAME).orElse(null),
                body.string("description", MAX_DESCRIPTION).orElse(null),
                body.string("instructions", MAX_INSTRUCTIONS).orElse(null),
                ToolReaders.tools(body, "tools").orElse(null),
                ToolReaders.toolResources(body, "tool_resources", 1).orElse(null),
                body.metadata("metadata").orElse(null),
                body.number("temperature", 0, 2).orElse(null),
                body.number("top_p", 0, 1).orElse(null),
                ToolReaders.responseFormat(body, "response_format").orElse(null),
                body.oneOf("reasoning_effort", ToolReaders.REASONING_EFFORTS).orElse(null));
    }

    static AssistantModifyRequest modify(JsonObjectReader body) {
        body.allowOnly(FIELDS);
        if (body.has("model")) {
            requireModel(body);
        }
        return new AssistantModifyRequest(
                body.patch("model", name -> body.string(name, Integer.MAX_VALUE)),
                body.patch("name", name -> body.string(name, MAX_NAME)),
                body.patch("description", name -> body.string(name, MAX_DESCRIPTION)),
                body.patch("instructions", name -> body.string(name, MAX_INSTRUCTIONS)),
                body.patch("tools", name -> ToolReaders.tools(body, name)),
                body.patch("tool_resources", name -> ToolReaders.toolResources(body, name, 1)),
                body.patch("metadata", body::metadata),
                body.patch("temperature", name -> body.number(name, 0, 2)),
                body.patch("top_p", name -> body.number(name, 0, 1)),
                body.patch("response_format", name -> ToolReaders.responseFormat(body, name)),
                body.patch("reasoning_effort", name -> body.oneOf(name, ToolReaders.REASONING_EFFORTS)));
    }

    private static String requireModel(JsonObjectReader body) {
        String model = body.requiredString("model");
        if (model.isBlank()) {
            throw new dev.assistants4j.core.error.InvalidRequestException(
                    "Invalid 'model': must not be empty.", "model", "invalid_value");
        }
        return model;
    }
}
