package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.providers.Turns.Turn;
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
        List<Turn> turns = prompt.stream().map(this::turn).toList();
        ArrayNode messages = json.createArrayNode();
        for (Turn turn : Turns.alternating(turns, "user", AnthropicMessages::isToolResult, text("."))) {
            ObjectNode message = messages.addObject().put("role", turn.role());
            message.putArray("content").addAll(turn.parts());
        }
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

    private static boolean isToolResult(ObjectNode block) {
        return block.path("type").asText().equals("tool_result");
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
            block.set("input", Arguments.object(call.arguments(), json)); // {} for broken JSON
            blocks.add(block);
        }
        return blocks;
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
}
