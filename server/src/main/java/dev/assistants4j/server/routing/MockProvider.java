package dev.assistants4j.server.routing;

import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.FinishReason;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The {@code mock/…} provider, like LiteLLM's mock_response: answers every request offline and deterministically
 * with a fixed text (the config's {@code mock_response}, or one that echoes the last user message), streamed word by
 * word. Thread-safe.
 */
final class MockProvider implements LlmProvider {

    private final String response;

    MockProvider(String response) {
        this.response = response;
    }

    @Override
    public ProviderStream stream(ChatRequest request) {
        String text = response != null ? response : "This is a mock response to: " + lastUserText(request);
        List<ProviderEvent> events = new ArrayList<>();
        for (String word : text.split("(?<= )")) {
            events.add(new ProviderEvent.TextDelta(word));
        }
        long prompt = request.messages().size() * 4L;
        events.add(new ProviderEvent.Usage((int) prompt, text.split(" ").length));
        events.add(new ProviderEvent.Finished(FinishReason.STOP));
        Iterator<ProviderEvent> iterator = events.iterator();
        return new ProviderStream() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public ProviderEvent next() {
                if (!iterator.hasNext()) {
                    throw new NoSuchElementException();
                }
                return iterator.next();
            }

            @Override
            public void close() {}
        };
    }

    private static String lastUserText(ChatRequest request) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            if (request.messages().get(i) instanceof ChatMessage.User user) {
                StringBuilder text = new StringBuilder();
                user.content().forEach(part -> {
                    if (part instanceof ChatMessage.Part.Text t) {
                        text.append(t.text());
                    }
                });
                return text.toString();
            }
        }
        return "";
    }
}
