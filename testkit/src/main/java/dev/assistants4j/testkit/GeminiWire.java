package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Builds the JSON of Gemini's {@code generateContent} for one answer: {@code GenerateContentResponse} chunks (text,
 * function calls, the last one with the finish reason and the usage), a whole response, and error bodies {@code
 * {"error":{"code","message","status"}}}. Function calls carry no id (Gemini rarely sends one) and the first of an
 * answer a thought signature, as Gemini 3 models send. A scripted finish reason in OpenAI's words is sent in Gemini's
 * ({@code stop} and {@code tool_calls} as {@code STOP}, {@code length} as {@code MAX_TOKENS}, {@code content_filter}
 * as {@code SAFETY}); any other is sent as it is. Stateless but for the answer's id and model; thread-safe.
 */
record GeminiWire(String id, String model) {

    /** The signature the fake sends with the first function call of an answer. */
    static final String THOUGHT_SIGNATURE = "ZmFrZSB0aG91Z2h0IHNpZ25hdHVyZQ==";

    /** A chunk of one text part. */
    ObjectNode text(String text) {
        ObjectNode chunk = chunk(null);
        parts(chunk).addObject().put("text", text);
        return chunk;
    }

    /** A chunk of function call parts, all at once (as Gemini sends parallel calls). */
    ObjectNode functionCalls(List<ToolCall> calls) {
        ObjectNode chunk = chunk(null);
        addCalls(parts(chunk), calls);
        return chunk;
    }

    /** The last chunk: an empty text part, the finish reason and the whole usage. */
    ObjectNode last(String finishReason, Reply.Usage usage) {
        ObjectNode chunk = chunk(finishReason(finishReason));
        parts(chunk).addObject().put("text", "");
        chunk.set("usageMetadata", usage(usage));
        return chunk;
    }

    /** A whole (not streamed) response. */
    ObjectNode response(Reply.Completion reply, Reply.Usage usage) {
        ObjectNode response = chunk(finishReason(reply.effectiveFinishReason()));
        if (!reply.text().isEmpty()) {
            parts(response).addObject().put("text", reply.text());
        }
        addCalls(parts(response), reply.toolCalls());
        response.set("usageMetadata", usage(usage));
        return response;
    }

    /** Gemini's error body; a {@code retryDelay} adds a {@code google.rpc.RetryInfo} detail. */
    static ObjectNode error(int code, String status, String message, Duration retryDelay) {
        ObjectNode root = WireJson.MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error")
                .put("code", code)
                .put("message", message)
                .put("status", status);
        if (retryDelay != null) {
            error.putArray("details")
                    .addObject()
                    .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .put("retryDelay", (retryDelay.toMillis() / 1000.0) + "s");
        }
        return root;
    }

    /** The {@code status} Gemini answers an HTTP status with. */
    static String status(int code) {
        return switch (code) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> code >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }

    static String finishReason(String finishReason) {
        return switch (finishReason) {
            case "stop", "tool_calls" -> "STOP";
            case "length" -> "MAX_TOKENS";
            case "content_filter" -> "SAFETY";
            default -> finishReason;
        };
    }

    private ObjectNode chunk(String finishReason) {
        ObjectNode chunk = WireJson.MAPPER.createObjectNode();
        ObjectNode candidate = chunk.putArray("candidates").addObject();
        candidate.putObject("content").put("role", "model").putArray("parts");
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        chunk.put("modelVersion", model).put("responseId", id);
        return chunk;
    }

    private static ArrayNode parts(ObjectNode chunk) {
        return (ArrayNode) chunk.path("candidates").path(0).path("content").path("parts");
    }

    private static void addCalls(ArrayNode parts, List<ToolCall> calls) {
        for (int i = 0; i < calls.size(); i++) {
            ObjectNode part = parts.addObject();
            part.putObject("functionCall")
                    .put("name", calls.get(i).name())
                    .set("args", args(calls.get(i).arguments()));
            if (i == 0) {
                part.put("thoughtSignature", THOUGHT_SIGNATURE);
            }
        }
    }

    private static ObjectNode usage(Reply.Usage usage) {
        return WireJson.MAPPER
                .createObjectNode()
                .put("promptTokenCount", usage.promptTokens())
                .put("candidatesTokenCount", usage.completionTokens())
                .put("totalTokenCount", usage.promptTokens() + usage.completionTokens());
    }

    /** The arguments as a JSON object; empty or other text as {@code {}}, so the fake never fails on a script. */
    private static JsonNode args(String arguments) {
        try {
            JsonNode parsed = WireJson.MAPPER.readTree(arguments);
            return parsed != null && parsed.isObject() ? parsed : WireJson.MAPPER.createObjectNode();
        } catch (IOException e) {
            return WireJson.MAPPER.createObjectNode();
        }
    }
}
