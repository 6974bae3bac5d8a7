package dev.assistants4j.providers;

import static dev.assistants4j.providers.ProviderTestSupport.drain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.core.provider.FinishReason;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderEvent.Finished;
import dev.assistants4j.core.provider.ProviderEvent.TextDelta;
import dev.assistants4j.core.provider.ProviderEvent.ToolCallDelta;
import dev.assistants4j.core.provider.ProviderEvent.Usage;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.testkit.LlmProviderContract;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the Anthropic adapter reads answers, stop reasons, usage and errors from the fake Messages API. */
class AnthropicProviderEventsTest extends NativeProviderEvents {

    @Test
    void text_then_parallel_tool_use_blocks_give_deltas_usage_and_finished_tool_calls() {
        // given
        ToolCall weather = ToolCall.of("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}");
        ToolCall time = ToolCall.of("get_time", "{\"zone\":\"Europe/Paris\"}");
        fake.upstream.enqueue(
                Reply.text("Let me ", "check.").withToolCalls(weather, time).usage(40, 25));

        // when
        List<ProviderEvent> events = drain(fake.provider.stream(hello()));

        // then
        assertThat(events.subList(0, 2)).containsExactly(new TextDelta("Let me "), new TextDelta("check."));
        List<ToolCallDelta> calls = LlmProviderContract.toolCallDeltas(events);
        assertThat(calls.stream().filter(call -> call.id() != null))
                .containsExactly(
                        new ToolCallDelta(0, weather.id(), "get_weather", ""),
                        new ToolCallDelta(1, time.id(), "get_time", ""));
        assertThat(calls).hasSizeGreaterThan(4);
        assertThat(LlmProviderContract.argumentsByIndex(calls))
                .containsExactly(Map.entry(0, weather.arguments()), Map.entry(1, time.arguments()));
        assertThat(events.subList(events.size() - 2, events.size()))
                .containsExactly(new Usage(40, 25), new Finished(FinishReason.TOOL_CALLS));
    }

    @ParameterizedTest
    @CsvSource({
        "stop, STOP",
        "stop_sequence, STOP",
        "length, LENGTH",
        "content_filter, CONTENT_FILTER",
        "pause_turn, OTHER"
    })
    void stop_reasons_map_to_finish_reasons(String scripted, FinishReason expected) {
        assertThat(finishingWith(scripted)).isEqualTo(new Finished(expected));
    }

    @Test
    void a_tool_use_block_without_input_has_empty_object_arguments() {
        // given
        fake.upstream.enqueue(Reply.toolCalls(ToolCall.of("list_files", "")));

        // when
        List<ProviderEvent> events = drain(fake.provider.stream(hello()));

        // then
        assertThat(LlmProviderContract.argumentsByIndex(LlmProviderContract.toolCallDeltas(events)))
                .containsExactly(Map.entry(0, "{}"));
    }

    @Test
    void once_the_retries_are_spent_the_overload_is_thrown_retriable() {
        // given
        for (int i = 0; i <= NativeFake.RETRIES; i++) {
            fake.upstream.enqueue(Reply.error(529, "Overloaded"));
        }

        // when
        ProviderException failure = refusal();

        // then
        assertThat(failure.status()).isEqualTo(529);
        assertThat(failure.retriable()).isTrue();
        assertThat(failure.type()).contains("overloaded_error");
        assertThat(fake.upstream.requestCount()).isEqualTo(NativeFake.RETRIES + 1);
    }

    @Test
    void error_types_map_to_anthropics_statuses() {
        assertThat(AnthropicErrors.status("overloaded_error")).isEqualTo(529);
        assertThat(AnthropicErrors.status("rate_limit_error")).isEqualTo(429);
        assertThat(AnthropicErrors.status("invalid_request_error")).isEqualTo(400);
        assertThat(AnthropicErrors.status("permission_error")).isEqualTo(403);
        assertThat(AnthropicErrors.status("something_new")).isEqualTo(500);
    }

    @Override
    NativeFake<?> newFake() {
        return NativeFake.anthropic();
    }

    @Override
    String model() {
        return "claude-3-5-haiku";
    }

    @Override
    Refusal badRequest() {
        return new Refusal(400, "messages.0.content: bad block", "invalid_request_error");
    }

    @Override
    String promptTooLong() {
        return "prompt is too long: 210000 tokens > 200000 maximum";
    }

    @Override
    Refusal keyRefused(String apiKey) {
        return new Refusal(401, "invalid x-api-key " + apiKey, "authentication_error");
    }

    @Override
    Reply[] overloadedRateLimitedThenFinally() {
        return new Reply[] {Reply.error(529, "Overloaded"), Reply.error(429, "Slow down"), Reply.text("Finally")};
    }

    @Override
    Refusal rateLimited() {
        return new Refusal(429, "Slow down", null);
    }

    @Override
    Refusal streamError() {
        return new Refusal(500, "Internal server error", "api_error");
    }
}
