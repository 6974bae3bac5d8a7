package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the JSON objects of the OpenAI chat-completions wire protocol for one answer. Not thread-safe. */
final class WireJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final String id;
    private final long created;
    private final String model;
    private final boolean includeUsage;

    WireJson(String id, long created, String model, boolean includeUsage) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.includeUsage = includeUsage;
    }

    /** {@code {"role":"assistant","content":"" or null,"refusal":null}}: content is null when no text follows. */
    ObjectNode roleDelta(boolean textFollows) {
        ObjectNode delta = MAPPER.createObjectNode().put("role", "assistant");
        if (textFollows) {
            delta.put("content", "");
        } else {
            delta.putNull("content");
        }
        delta.putNull("refusal");
        return delta;
    }

    ObjectNode contentDelta(String text) {
        return MAPPER.createObjectNode().put("content", text);
    }

    /** The first delta of a tool call: id, type, name and empty arguments. */
    ObjectNode toolCallStart(int index, ToolCall call) {
        ObjectNode entry = MAPPER.createObjectNode().put("index", index).put("id", call.id());
        entry.put("type", "function");
        entry.putObject("function").put("name", call.name()).put("arguments", "");
        return toolCallsDelta(entry);
    }

    /** A later delta of a tool call: only the index and an arguments fragment. */
    ObjectNode toolCallFragment(int index, String fragment) {
        ObjectNode entry = MAPPER.createObjectNode().put("index", index);
        entry.putObject("function").put("arguments", fragment);
        return toolCallsDelta(entry);
    }

    private static ObjectNode toolCallsDelta(ObjectNode entry) {
        ObjectNode delta = MAPPER.createObjectNode();
        delta.putArray("tool_calls").add(entry);
        return delta;
    }

    /** A {@code chat.completion.chunk} with one choice. */
    ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = header("chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    /** The last chunk of {@code stream_options.include_usage}: no choices, the usage. */
    ObjectNode usageChunk(Reply.Usage usage) {
        ObjectNode chunk = header("chat.completion.chunk");
        chunk.putArray("choices");
        chunk.set("usage", usage(usage));
        return chunk;
    }

    /** A whole {@code chat.completion}. */
    ObjectNode completion(Reply.Completion reply, Reply.Usage usage) {
        ObjectNode completion = header("chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (reply.deltas().isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", reply.text());
        }
        message.putNull("refusal");
        if (!reply.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall call : reply.toolCalls()) {
                ObjectNode entry = calls.addObject().put("id", call.id()).put("type", "function");
                entry.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", reply.effectiveFinishReason());
        completion.set("usage", usage(usage));
        return completion;
    }

    private ObjectNode header(String object) {
        ObjectNode node = MAPPER.createObjectNode().put("id", id).put("object", object);
        node.put("created", created).put("model", model).put("system_fingerprint", "fp_fake");
        return node;
    }

    private static ObjectNode usage(Reply.Usage usage) {
        return MAPPER.createObjectNode()
                .put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.promptTokens() + usage.completionTokens());
    }

    /** {@code {"error":{"message","type","param":null,"code"}}}. */
    static ObjectNode error(String message, String type, String code) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error").put("message", message).put("type", type);
        error.putNull("param");
        error.put("code", code);
        return root;
    }
}
