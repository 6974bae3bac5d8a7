package dev.assistants4j.providers;

import static dev.assistants4j.providers.ProviderTestSupport.drain;
import static dev.assistants4j.providers.ProviderTestSupport.drainUntilFailure;
import static dev.assistants4j.providers.ProviderTestSupport.messagesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.FinishReason;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderEvent.Finished;
import dev.assistants4j.core.provider.ProviderEvent.TextDelta;
import dev.assistants4j.core.provider.ProviderEvent.ToolCallDelta;
import dev.assistants4j.core.provider.ProviderEvent.Usage;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the Gemini adapter reads chunks, finish reasons, usage and errors from the fake Gemini API. */
class GeminiProviderEventsTest {

    @RegisterExtension
    final FakeGemini fake = new FakeGemini();

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
        // given
        fake.upstream.enqueue(Reply.text("Hi").finishReason(scripted));

        // when
        List<ProviderEvent> events = drain(fake.provider.stream(hello()));

        // then
        assertThat(events.getLast()).isEqualTo(new Finished(expected));
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

    @Test
    void an_http_error_keeps_its_status_message_and_geminis_status_as_type() {
        // given
        fake.upstream.enqueue(Reply.error(400, "* GenerateContentRequest.contents: contents is not specified"));

        // when
        ProviderException failure = refusal();

        // then
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.retriable()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("* GenerateContentRequest.contents: contents is not specified");
        assertThat(failure.type()).contains("INVALID_ARGUMENT");
        assertThat(failure.code()).isEmpty();
    }

    @Test
    void a_prompt_too_long_gets_openais_context_length_code() {
        // given
        fake.upstream.enqueue(Reply.error(
                400, "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."));

        // then
        assertThat(refusal().code()).contains("context_length_exceeded");
    }

    @Test
    void a_permission_error_never_shows_the_key() {
        // given
        fake.upstream.enqueue(Reply.error(403, "API key " + FakeGemini.API_KEY + " is not allowed"));

        // when
        ProviderException failure = refusal();

        // then
        assertThat(failure.status()).isEqualTo(403);
        assertThat(failure.type()).contains("PERMISSION_DENIED");
        assertThat(messagesOf(failure)).noneMatch(text -> text.contains(FakeGemini.API_KEY));
    }

    @Test
    void overloaded_and_rate_limited_answers_are_retried_honouring_a_short_retry_info() {
        // given
        fake.upstream.enqueue(
                Reply.error(503, "The model is overloaded."),
                Reply.error(429, "Quota").retryAfter(Duration.ofMillis(20)),
                Reply.text("Finally"));

        // when
        List<ProviderEvent> events = drain(fake.provider.stream(hello()));

        // then
        assertThat(events.getFirst()).isEqualTo(new TextDelta("Finally"));
        assertThat(fake.upstream.requestCount()).isEqualTo(3);
    }

    @Test
    void a_retry_info_longer_than_the_maximum_is_not_waited_for() {
        // given
        Duration tooLong = GeminiProvider.MAX_RETRY_AFTER.plusSeconds(1);
        fake.upstream.enqueue(Reply.error(429, "Quota exceeded").retryAfter(tooLong), Reply.text("not asked"));

        // when
        ProviderException failure = refusal();

        // then
        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.retriable()).isTrue();
        assertThat(failure.type()).contains("RESOURCE_EXHAUSTED");
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
    void an_error_mid_stream_fails_the_stream_with_its_code() {
        // given
        fake.upstream.enqueue(Reply.streamError("Internal error encountered.", "Partial"));

        // when
        ProviderTestSupport.Outcome outcome = drainUntilFailure(fake.provider.stream(hello()));

        // then
        assertThat(outcome.events()).containsExactly(new TextDelta("Partial"));
        assertThat(outcome.failure().status()).isEqualTo(500);
        assertThat(outcome.failure().retriable()).isTrue();
        assertThat(outcome.failure().type()).contains("INTERNAL");
        assertThat(outcome.failure().getMessage()).isEqualTo("Internal error encountered.");
    }

    @Test
    void a_stream_that_ends_before_a_finish_reason_fails_retriable() {
        // given
        fake.upstream.enqueue(Reply.brokenStream("Half"));

        // when
        ProviderTestSupport.Outcome outcome = drainUntilFailure(fake.provider.stream(hello()));

        // then
        assertThat(outcome.events()).containsExactly(new TextDelta("Half"));
        assertThat(outcome.failure().retriable()).isTrue();
    }

    private ProviderException refusal() {
        return catchThrowableOfType(ProviderException.class, () -> drain(fake.provider.stream(hello())));
    }

    private static ChatRequest hello() {
        return ChatRequest.of("gemini-2.5-flash", List.of(ChatMessage.User.text("Hello")));
    }
}
