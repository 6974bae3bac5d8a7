package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.provider.FinishReason;
import dev.assistants4j.core.provider.ProviderEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps chat-completion chunks to {@link ProviderEvent}s. It remembers the finish
 * reason and the usage, which {@link #end()} emits last: the usage once, then exactly one {@link
 * ProviderEvent.Finished}. Not thread-safe: one per stream.
 */
final class ChunkMapper implements StreamMapper {

    private final Secrets secrets;
    private String finishReason;
    private ProviderEvent.Usage usage;

    ChunkMapper(Secrets secrets) {
        this.secrets = secrets;
    }

    /**
     * The events of one {@code chat.completion.chunk}: a text delta and tool call deltas of the first choice.
     *
     * @throws dev.assistants4j.core.provider.ProviderException when the chunk is an {@code error}
     */
    @Override
    public List<ProviderEvent> events(JsonNode chunk) {
        failOnError(chunk);
        List<ProviderEvent> events = new ArrayList<>(1);
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String text = delta.path("content").textValue();
        if (text != null && !text.isEmpty()) {
            events.add(new ProviderEvent.TextDelta(text));
        }
        JsonNode toolCalls = delta.path("tool_calls");
        for (int position = 0; position < toolCalls.size(); position++) {
            ProviderEvent.ToolCallDelta call = toolCallDelta(toolCalls.get(position), position);
            boolean carriesNothing = call.id() == null
                    && call.name() == null
                    && call.argumentsFragment().isEmpty();
            if (!carriesNothing) {
                events.add(call);
            }
        }
        remember(choice, chunk);
        return events;
    }

    @Override
    public boolean finishReasonSeen() {
        return finishReason != null;
    }

    /** The closing events: the usage, when the upstream reported one, then Finished. */
    @Override
    public List<ProviderEvent> end() {
        return StreamMapper.closing(usage, FinishReason.fromWire(finishReason));
    }

    private void failOnError(JsonNode node) {
        JsonNode error = node.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            throw UpstreamErrors.inStream(error, secrets);
        }
    }

    private void remember(JsonNode choice, JsonNode root) {
        String reason = choice.path("finish_reason").textValue();
        if (reason != null) {
            finishReason = reason;
        }
        JsonNode reported = root.path("usage");
        if (reported.isObject()) {
            usage = new ProviderEvent.Usage(
                    reported.path("prompt_tokens").asInt(0),
                    reported.path("completion_tokens").asInt(0));
        }
    }

    /** Some servers leave out {@code index}; the position in the array stands in for it. */
    private static ProviderEvent.ToolCallDelta toolCallDelta(JsonNode entry, int position) {
        int index = entry.path("index").canConvertToInt() ? entry.path("index").asInt() : position;
        JsonNode function = entry.path("function");
        JsonNode arguments = function.path("arguments");
        String fragment = arguments.isTextual()
                ? arguments.asText()
                : arguments.isMissingNode() || arguments.isNull() ? "" : arguments.toString();
        return new ProviderEvent.ToolCallDelta(
                index,
                nonEmpty(entry.path("id").textValue()),
                nonEmpty(function.path("name").textValue()),
                fragment);
    }

    private static String nonEmpty(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
