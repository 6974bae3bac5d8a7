package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.LlmProviderContract;
import dev.assistants4j.testkit.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Shared helpers for the provider tests, which all talk real HTTP to a {@link FakeUpstream}. */
final class ProviderTestSupport {

    static final String API_KEY = "sk-test-secret-key-0123456789";

    static final ObjectMapper JSON = new ObjectMapper();

    private ProviderTestSupport() {}

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OpenAI provider with {@link #API_KEY} pointed at the fake. */
    static OpenAiCompatibleProvider openAi(FakeUpstream upstream) {
        return OpenAiCompatibleProvider.openAi(URI.create(upstream.baseUrl()), Optional.of(API_KEY))
                .build();
    }

    static ChatRequest hello() {
        return ChatRequest.of("gpt-4o", List.of(ChatMessage.User.text("Hello")));
    }

    /** Every event of a stream, then closes it. */
    static List<ProviderEvent> drain(ProviderStream stream) {
        return LlmProviderContract.drain(stream);
    }

    /** The events that arrived before the stream failed, and the failure. */
    record Outcome(List<ProviderEvent> events, ProviderException failure) {}

    static Outcome drainUntilFailure(ProviderStream stream) {
        List<ProviderEvent> events = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(events::add);
        } catch (ProviderException e) {
            return new Outcome(events, e);
        }
        throw new AssertionError("the stream did not fail; events: " + events);
    }

    /** The request the fake received. */
    static RecordedRequest received(FakeUpstream upstream) {
        return upstream.takeRequest(Duration.ofSeconds(10))
                .orElseThrow(() -> new AssertionError("the upstream received no request"));
    }

    /** Every message in the exception's cause chain. */
    static List<String> messagesOf(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            messages.add(t.toString());
        }
        return messages;
    }
}
