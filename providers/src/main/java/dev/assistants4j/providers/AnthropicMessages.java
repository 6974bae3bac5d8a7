package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.provider.ChatMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a chat prompt to Anthropic's {@code system} and {@code messages}. System messages, wherever they are, join the
 * top-level {@code system} (Anthropic has no system role). User messages become user turns of text and image blocks,
 * assistant messages assistant turns of a text block and {@code tool_use} blocks, tool results user turns of {@code
 * tool_result} blocks. Adjacent turns of one role are merged into one (tool results first, as Anthropic requires), so
 * the roles alternate; a conversation that starts with the assistant gets a first user turn of {@code "."}, as LiteLLM
 * sends. Empty texts and empty turns are left out: Anthropic refuses them. Stateless, thread-safe.
 */
record AnthropicMessages(ObjectMapper json) {

    /** The text of the system messages, joined by blank lines; null without any. */
    String system(List<ChatMessage> prompt) {
        List<String> parts = new ArrayList<>();
        for (ChatMessage message : prompt) {
            if (message instanceof ChatMessage.System system && !isBlank(system.content())) {
                parts.add(system.content());
            }
        }
        return parts.isEmpty() ? null : String.join("\n\n", parts);
    }

    /** The {@code messages} array: alternating turns, starting with the user. */
    ArrayNode messages(List<ChatMessage> prompt) {
        List<Turn> turns = new ArrayList<>();
        for (ChatMessage message : prompt) {
            Turn turn = turn(message);
            if (turn == null || turn.blocks().isEmpty()) {
                continue;
            }
            if (!turns.isEmpty() && turns.getLast().role().equals(turn.role())) {
                turns.set(turns.size() - 1, turns.getLast().merge(turn));
            } else {
                turns.add(turn);
            }
        }
        if (!turns.isEmpty() && turns.getFirst().role().equals("assistant")) {
            turns.addFirst(new Turn("user", List.of(text("."))));
        }
        ArrayNode messages = json.createArrayNode();
        turns.forEach(turn -> messages.add(turn.toJson(json)));
        return messages;
    }

    private Turn turn(ChatMessage message) {
        return switch (message) {
            case ChatMessage.System ignored -> null;
            case ChatMessage.User user -> new Turn("user", userBlocks(user));
            case ChatMessage.Assistant assistant -> new Turn("assistant", assistantBlocks(assistant));
            case ChatMessage.ToolResult result -> new Turn("user", List.of(toolResult(result)));
        };
    }

    private List<ObjectNode> userBlocks(ChatMessage.User user) {
        List<ObjectNode> blocks = new ArrayList<>();
        for (ChatMessage.Part part : user.content()) {
            switch (part) {
                case ChatMessage.Part.Text text -> {
                    if (!isBlank(text.text())) {
                        blocks.add(text(text.text()));
                    }
                }
                case ChatMessage.Part.ImageUrl image -> blocks.add(AnthropicImages.block(image.url(), json));
            }
        }
        return blocks;
    }

    private List<ObjectNode> assistantBlocks(ChatMessage.Assistant assistant) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (!isBlank(assistant.content())) {
            blocks.add(text(assistant.content()));
        }
        for (ChatMessage.ToolCall call : assistant.toolCalls()) {
            ObjectNode block = json.createObjectNode()
                    .put("type", "tool_use")
                    .put("id", call.id())
                    .put("name", call.name());
            block.set("input", input(call.arguments()));
            blocks.add(block);
        }
        return blocks;
    }

    /** Anthropic takes a call's input as a JSON object; arguments that are not one (a model's broken JSON) send {}. */
    private JsonNode input(String arguments) {
        if (!isBlank(arguments)) {
            try {
                JsonNode parsed = json.readTree(arguments);
                if (parsed != null && parsed.isObject()) {
                    return parsed;
                }
            } catch (IOException e) {
                // sent as {} below
            }
        }
        return json.createObjectNode();
    }

    private ObjectNode toolResult(ChatMessage.ToolResult result) {
        ObjectNode block = json.createObjectNode().put("type", "tool_result").put("tool_use_id", result.toolCallId());
        if (!isBlank(result.content())) {
            block.put("content", result.content());
        }
        return block;
    }

    private ObjectNode text(String text) {
        return json.createObjectNode().put("type", "text").put("text", text);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** One turn of the conversation. */
    private record Turn(String role, List<ObjectNode> blocks) {

        /** This turn and {@code next} as one, tool results first. */
        Turn merge(Turn next) {
            List<ObjectNode> results = new ArrayList<>();
            List<ObjectNode> others = new ArrayList<>();
            for (ObjectNode block : concat(blocks, next.blocks)) {
                (block.path("type").asText().equals("tool_result") ? results : others).add(block);
            }
            results.addAll(others);
            return new Turn(role, results);
        }

        ObjectNode toJson(ObjectMapper json) {
            ObjectNode message = json.createObjectNode().put("role", role);
            message.putArray("content").addAll(blocks);
            return message;
        }

        private static List<ObjectNode> concat(List<ObjectNode> first, List<ObjectNode> second) {
            List<ObjectNode> all = new ArrayList<>(first);
            all.addAll(second);
            return all;
        }
    }
}
