package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.Ids;
import dev.assistants4j.core.provider.FinishReason;
import dev.assistants4j.core.provider.ProviderEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the chunks of a Gemini {@code streamGenerateContent} stream (each a whole {@code GenerateContentResponse}) to
 * {@link ProviderEvent}s: the text parts of the first candidate to text deltas, each {@code functionCall} part (Gemini
 * sends a call whole) to one tool call delta with all its arguments, numbered 0, 1, … in arrival order, with Gemini's
 * {@code id} or, as Gemini rarely sends one, a fresh {@code call_…} id. Thought parts are skipped. The last {@code
 * usageMetadata} (cumulative) becomes the Usage; the {@code finishReason} the Finished ({@link #finishReason}), and a
 * {@code promptFeedback.blockReason} (a prompt Gemini refused to answer) a content filter. The stream has no end
 * marker: it ends with the body, after the chunk with the finish reason. An {@code error} object throws. Not
 * thread-safe: one per stream.
 */
final class GeminiEvents implements StreamMapper {

    private final Secrets secrets;
    private int toolCalls;
    private String finishReason;
    private boolean blocked;
    private ProviderEvent.Usage usage;

    GeminiEvents(Secrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public List<ProviderEvent> events(JsonNode chunk) {
        JsonNode error = chunk.path("error");
        if (error.isObject()) {
            throw GeminiErrors.inStream(error, secrets);
        }
        usage(chunk.path("usageMetadata"));
        if (chunk.path("promptFeedback").path("blockReason").isTextual()) {
            blocked = true;
        }
        JsonNode candidate = chunk.path("candidates").path(0);
        List<ProviderEvent> events = new ArrayList<>(1);
        for (JsonNode part : candidate.path("content").path("parts")) {
            part(part, events);
        }
        String reason = candidate.path("finishReason").textValue();
        finishReason = reason != null ? reason : finishReason;
        return events;
    }

    @Override
    public boolean finishReasonSeen() {
        return finishReason != null || blocked;
    }

    @Override
    public List<ProviderEvent> end() {
        FinishReason reason = blocked ? FinishReason.CONTENT_FILTER : finishReason(finishReason, toolCalls > 0);
        return StreamMapper.closing(usage, reason);
    }

    /**
     * Gemini's finish reasons: {@code STOP} (tool calls when the answer called functions, since Gemini says STOP
     * then too), {@code MAX_TOKENS} a length cut-off, the safety and policy reasons a content filter; the rest ({@code
     * MALFORMED_FUNCTION_CALL}, {@code OTHER}, …) other.
     */
    static FinishReason finishReason(String reason, boolean calledTools) {
        if (reason == null) {
            return FinishReason.OTHER;
        }
        return switch (reason) {
            case "STOP" -> calledTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY",
                    "RECITATION",
                    "BLOCKLIST",
                    "PROHIBITED_CONTENT",
                    "SPII",
                    "IMAGE_SAFETY",
                    "IMAGE_PROHIBITED_CONTENT",
                    "IMAGE_RECITATION",
                    "LANGUAGE" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    private void part(JsonNode part, List<ProviderEvent> events) {
        if (part.path("thought").asBoolean(false)) {
            return; // a thought summary: not part of the answer
        }
        String text = part.path("text").textValue();
        if (text != null && !text.isEmpty()) {
            events.add(new ProviderEvent.TextDelta(text));
        }
        JsonNode call = part.path("functionCall");
        if (call.isObject()) {
            String id = call.path("id").isTextual() && !call.path("id").asText().isBlank()
                    ? call.path("id").asText()
                    : Ids.next(Ids.CALL);
            JsonNode args = call.path("args");
            String arguments = args.isObject() ? args.toString() : "{}";
            events.add(new ProviderEvent.ToolCallDelta(
                    toolCalls++, id, call.path("name").asText(), arguments));
        }
    }

    /** Output counts the thinking tokens (billed as output), input the tool-use prompt tokens. */
    private void usage(JsonNode metadata) {
        if (!metadata.isObject()) {
            return;
        }
        int prompt = metadata.path("promptTokenCount").asInt(0)
                + metadata.path("toolUsePromptTokenCount").asInt(0);
        int completion = metadata.path("candidatesTokenCount").asInt(0)
                + metadata.path("thoughtsTokenCount").asInt(0);
        usage = new ProviderEvent.Usage(prompt, completion);
    }
}
