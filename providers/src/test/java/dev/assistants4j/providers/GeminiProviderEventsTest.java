package dev.assistants4j.providers;

import static dev.assistants4j.providers.ProviderTestSupport.drain;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assistants4j.core.provider.FinishReason;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderEvent.Finished;
import dev.assistants4j.core.provider.ProviderEvent.TextDelta;
import dev.assistants4j.core.provider.ProviderEvent.ToolCallDelta;
import dev.assistants4j.core.provider.ProviderEvent.Usage;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the Gemini adapter reads chunks, finish reasons, usage and errors from the fake Gemini API. */
class GeminiProviderEventsTest extends NativeProviderEvents {

    @Test
    void text_then_whole_parallel_calls_give_deltas_fresh_ids_usage_and_finished_tool_calls() {
        // given
        ToolCall weather = ToolCall.of("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}");
        ToolCall time = ToolCall.of("get_time", "{}");
        fake.upstream.enqueue(
                Reply.text("Let me ", "check.").withToolCalls(weather, time).usage(40, 25));

        // when
        List<ProviderEvent> events = drain(fake.provider.stream(hello()));

        // then
        assertThat(events).hasSize(6);
        assertThat(events.subList(0, 2)).containsExactly(new TextDelta("Let me "), new TextDelta("check."));
        ToolCallDelta first = (ToolCallDelta) events.get(2);
        ToolCallDelta second = (ToolCallDelta) events.get(3);
        assertThat(first).isEqualTo(new ToolCallDelta(0, first.id(), "get_weather", weather.arguments()));
        assertThat(second).isEqualTo(new ToolCallDelta(1, second.id(), "get_time", "{}"));
        assertThat(first.id()).startsWith("call_").isNotEqualTo(second.id());
        assertThat(events.subList(4, 6)).containsExactly(new Usage(40, 25), new Finished(FinishReason.TOOL_CALLS));
    }

    @ParameterizedTest
    @CsvSource({
        "stop, STOP",
        "length, LENGTH",
        "content_filter, CONTENT_FILTER",
        "RECITATION, CONTENT_FILTER",
        "PROHIBITED_CONTENT, CONTENT_FILTER",
        "MALFORMED_FUNCTION_CALL, OTHER"
    })
    void finish_reasons_map(String scripted, FinishReason expected) {
        assertThat(finishingWith(scripted)).isEqualTo(new Finished(expected));
    }

    @Test
    void a_blocked_prompt_is_a_content_filter_and_thoughts_and_empty_texts_are_skipped() throws IOException {
        // given
        GeminiEvents mapper = new GeminiEvents(new Secrets(List.of()));
        ObjectMapper json = new ObjectMapper();

        // when
        List<ProviderEvent> thought = mapper.events(json.readTree("""
                {"candidates":[{"content":{"role":"model","parts":[{"text":"hmm","thought":true},{"text":""}]}}]}"""));
        List<ProviderEvent> blocked = mapper.events(json.readTree("""
                {"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":7,"totalTokenCount":7}}"""));

        // then
        assertThat(thought).isEmpty();
        assertThat(blocked).isEmpty();
        assertThat(mapper.finishReasonSeen()).isTrue();
        assertThat(mapper.end()).containsExactly(new Usage(7, 0), new Finished(FinishReason.CONTENT_FILTER));
    }

    @Override
    NativeFake<?> newFake() {
        return NativeFake.gemini();
    }

    @Override
    String model() {
        return "gemini-2.5-flash";
    }

    @Override
    Refusal badRequest() {
        return new Refusal(400, "* GenerateContentRequest.contents: contents is not specified", "INVALID_ARGUMENT");
    }

    @Override
    String promptTooLong() {
        return "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).";
    }

    @Override
    Refusal keyRefused(String apiKey) {
        return new Refusal(403, "API key " + apiKey + " is not allowed", "PERMISSION_DENIED");
    }

    /** The 429 honours a short {@code RetryInfo}. */
    @Override
    Reply[] overloadedRateLimitedThenFinally() {
        return new Reply[] {
            Reply.error(503, "The model is overloaded."),
            Reply.error(429, "Quota").retryAfter(Duration.ofMillis(20)),
            Reply.text("Finally")
        };
    }

    @Override
    Refusal rateLimited() {
        return new Refusal(429, "Quota exceeded", "RESOURCE_EXHAUSTED");
    }

    @Override
    Refusal streamError() {
        return new Refusal(500, "Internal error encountered.", "INTERNAL");
    }
}
