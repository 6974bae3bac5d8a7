package dev.assistants4j.core.engine;

import dev.assistants4j.core.provider.ChatMessage;
import java.util.List;

/** A rough token count (about 4 characters a token) for prompt limits when the provider reports none. */
final class Tokens {

    private static final int PER_MESSAGE = 4;

    private Tokens() {}

    static long estimate(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    static long estimate(List<ChatMessage> messages) {
        long total = 0;
        for (ChatMessage message : messages) {
            total += PER_MESSAGE + estimate(message);
        }
        return total;
    }

    static long estimate(ChatMessage message) {
        return switch (message) {
            case ChatMessage.System system -> estimate(system.content());
            case ChatMessage.User user ->
                user.content().stream()
                        .mapToLong(part -> switch (part) {
                            case ChatMessage.Part.Text text -> estimate(text.text());
                            case ChatMessage.Part.ImageUrl image -> 85;
                        })
                        .sum();
            case ChatMessage.Assistant assistant ->
                estimate(assistant.content())
                        + assistant.toolCalls().stream()
                                .mapToLong(call -> estimate(call.name()) + estimate(call.arguments()))
                                .sum();
            case ChatMessage.ToolResult result -> estimate(result.content());
        };
    }
}
