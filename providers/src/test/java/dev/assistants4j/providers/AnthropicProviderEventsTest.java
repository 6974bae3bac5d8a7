package dev.assistants4j.providers;

import static dev.assistants4j.providers.ProviderTestSupport.drain;
import static dev.assistants4j.providers.ProviderTestSupport.drainUntilFailure;
import static dev.assistants4j.providers.ProviderTestSupport.messagesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.provider.ChatRequest;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the Anthropic adapter reads answers, stop reasons, usage and errors from the fake Messages API. */
class AnthropicProviderEventsTest {

    @RegisterExtension
    final FakeAnthropic fake = new FakeAnthropic();

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
        // given
        fake.upstream.enqueue(Reply.text("Hi").finishReason(scripted));

        // when
        List<ProviderEvent> events = drain(fake.provider.stream(hello()));

        // then
        assertThat(events.getLast()).isEqualTo(new Finished(expected));
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
    void an_http_error_keeps_its_status_and_anthropics_message_and_type() {
        // given
        fake.upstream.enqueue(Reply.error(400, "messages.0.content: bad block"));

        // when
        ProviderException failure = refusal();

        // then
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.retriable()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("messages.0.content: bad block");
        assertThat(failure.type()).contains("invalid_request_error");
        assertThat(failure.code()).isEmpty();
    }

    @Test
    void a_prompt_too_long_gets_openais_context_length_code() {
        // given
        fake.upstream.enqueue(Reply.error(400, "prompt is too long: 210000 tokens > 200000 maximum"));

        // when
        ProviderException failure = refusal();

        // then
        assertThat(failure.code()).contains("context_length_exceeded");
    }

    @Test
    void an_authentication_error_never_shows_the_key() {
        // given
        fake.upstream.enqueue(Reply.error(401, "invalid x-api-key " + FakeAnthropic.API_KEY));

        // when
        ProviderException failure = refusal();

        // then
        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.type()).contains("authentication_error");
        assertThat(messagesOf(failure)).noneMatch(text -> text.contains(FakeAnthropic.API_KEY));
    }

    @Test
    void overloaded_and_rate_limited_answers_are_retried_before_the_first_event() {
        // given
        fake.upstream.enqueue(Reply.error(529, "Overloaded"), Reply.error(429, "Slow down"), Reply.text("Finally"));

        // when
        List<ProviderEvent> events = drain(fake.provider.stream(hello()));

        // then
        assertThat(events.getFirst()).isEqualTo(new TextDelta("Finally"));
        assertThat(fake.upstream.requestCount()).isEqualTo(3);
    }

    @Test
    void once_the_retries_are_spent_the_overload_is_thrown_retriable() {
        // given
        for (int i = 0; i <= FakeAnthropic.RETRIES; i++) {
            fake.upstream.enqueue(Reply.error(529, "Overloaded"));
        }

        // when
        ProviderException failure = refusal();

        // then
        assertThat(failure.status()).isEqualTo(529);
        assertThat(failure.retriable()).isTrue();
        assertThat(failure.type()).contains("overloaded_error");
        assertThat(fake.upstream.requestCount()).isEqualTo(FakeAnthropic.RETRIES + 1);
    }

    @Test
    void a_retry_after_longer_than_the_maximum_is_not_waited_for() {
        // given
        Duration tooLong = AnthropicProvider.MAX_RETRY_AFTER.plusSeconds(1);
        fake.upstream.enqueue(Reply.error(429, "Slow down").retryAfter(tooLong), Reply.text("not asked"));

        // when
        ProviderException failure = refusal();

        // then
        assertThat(failure.status()).isEqualTo(429);
        assertThat(fake.upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void other_errors_are_not_retried_here() {
        // given
        fake.upstream.enqueue(Reply.error(500, "Internal"), Reply.text("not asked"));

        // when
        ProviderException failure = refusal();

        // then
        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.retriable()).isTrue();
        assertThat(fake.upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void an_error_event_mid_stream_fails_the_stream_with_its_types_status() {
        // given
        fake.upstream.enqueue(Reply.streamError("Internal server error", "Partial"));

        // when
        ProviderTestSupport.Outcome outcome = drainUntilFailure(fake.provider.stream(hello()));

        // then
        assertThat(outcome.events()).containsExactly(new TextDelta("Partial"));
        assertThat(outcome.failure().status()).isEqualTo(500);
        assertThat(outcome.failure().retriable()).isTrue();
        assertThat(outcome.failure().type()).contains("api_error");
        assertThat(outcome.failure().getMessage()).isEqualTo("Internal server error");
    }

    @Test
    void a_stream_that_ends_before_a_stop_reason_fails_retriable() {
        // given
        fake.upstream.enqueue(Reply.brokenStream("Half"));

        // when
        ProviderTestSupport.Outcome outcome = drainUntilFailure(fake.provider.stream(hello()));

        // then
        assertThat(outcome.events()).containsExactly(new TextDelta("Half"));
        assertThat(outcome.failure().retriable()).isTrue();
    }

    @Test
    void error_types_map_to_anthropics_statuses() {
        assertThat(AnthropicErrors.status("overloaded_error")).isEqualTo(529);
        assertThat(AnthropicErrors.status("rate_limit_error")).isEqualTo(429);
        assertThat(AnthropicErrors.status("invalid_request_error")).isEqualTo(400);
        assertThat(AnthropicErrors.status("permission_error")).isEqualTo(403);
        assertThat(AnthropicErrors.status("something_new")).isEqualTo(500);
    }

    private ProviderException refusal() {
        return catchThrowableOfType(ProviderException.class, () -> drain(fake.provider.stream(hello())));
    }

    private static ChatRequest hello() {
        return ChatRequest.of("claude-3-5-haiku", List.of(ChatMessage.User.text("Hello")));
    }
}
