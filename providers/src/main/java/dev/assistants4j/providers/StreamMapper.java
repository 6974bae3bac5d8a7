package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.provider.FinishReason;
import dev.assistants4j.core.provider.ProviderEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the JSON data of a provider's server-sent events into {@link ProviderEvent}s for {@link SseStream}. It
 * remembers the finish reason and the usage, which {@link #end()} emits last. Not thread-safe: one per stream.
 */
sealed interface StreamMapper permits ChunkMapper, AnthropicEvents, GeminiEvents {

    /**
     * The events of one SSE event's data.
     *
     * @throws dev.assistants4j.core.provider.ProviderException when the data reports an error
     */
    List<ProviderEvent> events(JsonNode data);

    /**
     * True once the data said the answer is complete (Anthropic's {@code message_stop}); never by default, for
     * streams that end with their body or {@code [DONE]}.
     */
    default boolean complete() {
        return false;
    }

    /** True once a finish reason came: a body that ends then is a complete answer. */
    boolean finishReasonSeen();

    /** The closing events: the usage, when the upstream reported one, then exactly one Finished. */
    List<ProviderEvent> end();

    /** What {@link #end()} returns: {@code usage} unless it is null, then a Finished for {@code reason}. */
    static List<ProviderEvent> closing(ProviderEvent.Usage usage, FinishReason reason) {
        List<ProviderEvent> events = new ArrayList<>(2);
        if (usage != null) {
            events.add(usage);
        }
        events.add(new ProviderEvent.Finished(reason));
        return events;
    }
}
