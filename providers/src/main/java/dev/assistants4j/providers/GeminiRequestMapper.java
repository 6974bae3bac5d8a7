package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.domain.FunctionDefinition;
import dev.assistants4j.core.provider.ChatRequest;

/**
 * Maps a {@link ChatRequest} to a Gemini {@code generateContent} body ({@link GeminiContents} does the prompt; the
 * model is in the URL). Tools become one {@code functionDeclarations} tool, their parameters rewritten by {@link
 * GeminiSchema} (a function without parameters declares none: Gemini refuses an object without properties).
 * OpenAI's {@code tool_choice} {@code auto}, {@code required}, {@code none} and a named function become {@code
 * functionCallingConfig} modes {@code AUTO}, {@code ANY}, {@code NONE} and {@code ANY} with that one name; {@code
 * parallel_tool_calls} has no Gemini counterpart and is not sent, nor is {@code reasoning_effort}. Temperature, top_p
 * and the token limit go into {@code generationConfig}, and so does a {@code response_format}: {@code json_object} as
 * {@code responseMimeType: application/json}, {@code json_schema} with its schema as {@code responseSchema}.
 * Stateless, thread-safe.
 */
record GeminiRequestMapper(ObjectMapper json) {

    ObjectNode map(ChatRequest request) {
        GeminiContents prompt = new GeminiContents(json);
        ObjectNode body = json.createObjectNode();
        ObjectNode system = prompt.systemInstruction(request.messages());
        if (system != null) {
            body.set("systemInstruction", system);
        }
        body.set("contents", prompt.contents(request.messages()));
        if (!request.tools().isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            request.tools().forEach(tool -> declarations.add(declaration(tool)));
            ObjectNode config = functionCallingConfig(request.toolChoice());
            if (config != null) {
                body.putObject("toolConfig").set("functionCallingConfig", config);
            }
        }
        ObjectNode generation = generationConfig(request);
        if (!generation.isEmpty()) {
            body.set("generationConfig", generation);
        }
        return body;
    }

    private ObjectNode declaration(FunctionDefinition function) {
        ObjectNode declaration = json.createObjectNode().put("name", function.name());
        if (function.description() != null) {
            declaration.put("description", function.description());
        }
        JsonNode parameters = function.parameters();
        if (parameters != null
                && parameters.path("properties").isObject()
                && !parameters.path("properties").isEmpty()) {
            declaration.set("parameters", new GeminiSchema(json).convert(parameters));
        }
        return declaration;
    }

    /** Null to send none (Gemini's default, AUTO). */
    private ObjectNode functionCallingConfig(JsonNode choice) {
        if (choice == null || choice.isNull() || choice.isMissingNode()) {
            return null;
        }
        ObjectNode config = json.createObjectNode();
        if (choice.isTextual()) {
            return config.put(
                    "mode",
                    switch (choice.textValue()) {
                        case "required" -> "ANY";
                        case "none" -> "NONE";
                        default -> "AUTO";
                    });
        }
        String name = choice.path("function").path("name").textValue();
        if (name == null) {
            return config.put("mode", "AUTO");
        }
        config.put("mode", "ANY").putArray("allowedFunctionNames").add(name);
        return config;
    }

    private ObjectNode generationConfig(ChatRequest request) {
        ObjectNode config = json.createObjectNode();
        if (request.temperature() != null) {
            config.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            config.put("topP", request.topP());
        }
        if (request.maxCompletionTokens() != null && request.maxCompletionTokens() > 0) {
            config.put("maxOutputTokens", request.maxCompletionTokens());
        }
        responseFormat(request.responseFormat(), config);
        return config;
    }

    /** {@code auto} and {@code text} ask for nothing. */
    private void responseFormat(JsonNode format, ObjectNode config) {
        if (format == null || format.isNull() || format.isMissingNode()) {
            return;
        }
        String type =
                format.isTextual() ? format.textValue() : format.path("type").asText("text");
        if (type.equals("json_object") || type.equals("json_schema")) {
            config.put("responseMimeType", "application/json");
        }
        JsonNode schema = format.path("json_schema").path("schema");
        if (type.equals("json_schema") && schema.isObject()) {
            config.set("responseSchema", new GeminiSchema(json).convert(schema));
        }
    }
}
