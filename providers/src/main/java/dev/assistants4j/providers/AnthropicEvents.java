package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.provider.FinishReason;
import dev.assistants4j.core.provider.ProviderEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the events of an Anthropic Messages stream to {@link ProviderEvent}s: {@code text_delta}s to text deltas, each
 * {@code tool_use} block to a tool call (numbered 0, 1, … in block order, its {@code input_json_delta}s as argument
 * fragments; a block without any input gets {@code {}}), the usage of {@code message_start} and {@code message_delta}
 * to one Usage, and the {@code stop_reason} to the Finished emitted after {@code message_stop}. {@code ping}, thinking
 * blocks and unknown events are skipped; an {@code error} event throws. Not thread-safe: one per stream.
 */
final class AnthropicEvents implements StreamMapper {

    private final Secrets secrets;
    /** The tool call index of each open tool_use block, by block index. */
    private final Map<Integer, Integer> toolCalls = new HashMap<>();
    /** The tool_use blocks that have had no argument fragment yet, by block index. */
    private final Map<Integer, Boolean> withoutInput = new HashMap<>();

    private String stopReason;
    private int inputTokens;
    private int outputTokens;
    private boolean usageSeen;
    private boolean complete;

    AnthropicEvents(Secrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public List<ProviderEvent> events(JsonNode event) {
        return switch (event.path("type").asText()) {
            case "message_start" -> {
                usage(event.path("message").path("usage"));
                yield List.of();
            }
            case "content_block_start" -> blockStart(event.path("index").asInt(), event.path("content_block"));
            case "content_block_delta" -> delta(event.path("index").asInt(), event.path("delta"));
            case "content_block_stop" -> blockStop(event.path("index").asInt());
            case "message_delta" -> {
                String reason = event.path("delta").path("stop_reason").textValue();
                stopReason = reason != null ? reason : stopReason;
                usage(event.path("usage"));
                yield List.of();
            }
            case "message_stop" -> {
                complete = true;
                yield List.of();
            }
            case "error" -> throw AnthropicErrors.inStream(event.path("error"), secrets);
            default -> List.of(); // ping, and events added to the API later
        };
    }

    @Override
    public boolean complete() {
        return complete;
    }

    @Override
    public boolean finishReasonSeen() {
        return stopReason != null;
    }

    @Override
    public List<ProviderEvent> end() {
        ProviderEvent.Usage usage = usageSeen ? new ProviderEvent.Usage(inputTokens, outputTokens) : null;
        return StreamMapper.closing(usage, finishReason(stopReason));
    }

    /** Anthropic's stop reasons; {@code refusal} is a content filter, a full context window a length cut-off. */
    static FinishReason finishReason(String stopReason) {
        if (stopReason == null) {
            return FinishReason.OTHER;
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    private List<ProviderEvent> blockStart(int block, JsonNode content) {
        switch (content.path("type").asText()) {
            case "text" -> {
                String text = content.path("text").asText("");
                return text.isEmpty() ? List.of() : List.of(new ProviderEvent.TextDelta(text));
            }
            case "tool_use" -> {
                int index = toolCalls.size();
                toolCalls.put(block, index);
                JsonNode input = content.path("input");
                boolean hasInput = input.isObject() && !input.isEmpty();
                withoutInput.put(block, !hasInput);
                String arguments = hasInput ? input.toString() : "";
                return List.of(new ProviderEvent.ToolCallDelta(
                        index, content.path("id").asText(), content.path("name").asText(), arguments));
            }
            default -> {
                return List.of(); // thinking, redacted_thinking, server tools: not part of the answer
            }
        }
    }

    private List<ProviderEvent> delta(int block, JsonNode delta) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> {
                String text = delta.path("text").asText("");
                return text.isEmpty() ? List.of() : List.of(new ProviderEvent.TextDelta(text));
            }
            case "input_json_delta" -> {
                Integer index = toolCalls.get(block);
                String fragment = delta.path("partial_json").asText("");
                if (index == null || fragment.isEmpty()) {
                    return List.of();
                }
                withoutInput.put(block, false);
                return List.of(new ProviderEvent.ToolCallDelta(index, null, null, fragment));
            }
            default -> {
                return List.of(); // thinking, signature and citations deltas
            }
        }
    }

    /** A tool_use block that ends without input is a call without arguments: {@code {}}. */
    private List<ProviderEvent> blockStop(int block) {
        Integer index = toolCalls.get(block);
        if (index == null || !withoutInput.getOrDefault(block, false)) {
            return List.of();
        }
        withoutInput.put(block, false);
        return List.of(new ProviderEvent.ToolCallDelta(index, null, null, "{}"));
    }

    /** Counts are cumulative; prompt tokens include the tokens written to and read from the prompt cache. */
    private void usage(JsonNode usage) {
        if (!usage.isObject()) {
            return;
        }
        if (usage.has("input_tokens")) {
            inputTokens = usage.path("input_tokens").asInt(0)
                    + usage.path("cache_creation_input_tokens").asInt(0)
                    + usage.path("cache_read_input_tokens").asInt(0);
            usageSeen = true;
        }
        if (usage.has("output_tokens")) {
            outputTokens = usage.path("output_tokens").asInt(0);
            usageSeen = true;
        }
    }
}
