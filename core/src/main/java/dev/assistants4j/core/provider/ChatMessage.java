package dev.assistants4j.core.provider;

import java.util.List;
import java.util.Objects;

/** A message of a chat prompt, in the roles every chat API knows. */
public sealed interface ChatMessage
        permits ChatMessage.System, ChatMessage.User, ChatMessage.Assistant, ChatMessage.ToolResult {

    /** Instructions. */
    record System(String content) implements ChatMessage {}

    /** What the user said: text and images. */
    record User(List<Part> content) implements ChatMessage {
        public User {
            content = List.copyOf(content);
        }

        /** A user message of plain text. */
        public static User text(String text) {
            return new User(List.of(new Part.Text(text)));
        }
    }

    /** What the model said: text, tool calls, or both. */
    record Assistant(String content, List<ToolCall> toolCalls) implements ChatMessage {
        public Assistant {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }
    }

    /** The output of a tool call, answering the call with {@code toolCallId}. */
    record ToolResult(String toolCallId, String content) implements ChatMessage {
        public ToolResult {
            Objects.requireNonNull(toolCallId, "toolCallId");
        }
    }

    /** A complete tool call the model made. */
    record ToolCall(String id, String name, String arguments) {}

    /** A part of a user message. */
    sealed interface Part permits Part.Text, Part.ImageUrl {
        /** Text. */
        record Text(String text) implements Part {}

        /**
         * An image by URL (http(s) or data:).
         *
         * @param detail null, auto, low or high
         */
        record ImageUrl(String url, String detail) implements Part {}
    }
}
