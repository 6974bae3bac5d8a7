package dev.assistants4j.providers;

import static dev.assistants4j.providers.ProviderTestSupport.drain;
import static dev.assistants4j.providers.ProviderTestSupport.hello;
import static dev.assistants4j.testkit.LlmProviderContract.argumentsByIndex;
import static dev.assistants4j.testkit.LlmProviderContract.toolCallDeltas;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.core.provider.FinishReason;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderEvent.Finished;
import dev.assistants4j.core.provider.ProviderEvent.TextDelta;
import dev.assistants4j.core.provider.ProviderEvent.ToolCallDelta;
import dev.assistants4j.core.provider.ProviderEvent.Usage;
import dev.assistants4j.core.provider.ProviderStream;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAI-compatible adapter's streaming beyond the {@link dev.assistants4j.testkit.LlmProviderContract} (see
 * {@link OpenAiCompatibleProviderContractTest}): one event per upstream delta, the first delta before the upstream
 * ends, the exact fragments of tool calls, stream usage left out on request, and close during a hanging reply.
 */
class OpenAiCompatibleProviderStreamingTest {

    @RegisterExtension
    final FakeOpenAi fake = new FakeOpenAi();

    private final FakeUpstream upstream = fake.upstream;
    private final OpenAiCompatibleProvider provider = fake.provider;

    @Test
    void text_streams_one_delta_per_upstream_delta_then_usage_then_finished() {
        // given
        upstream.enqueue(Reply.text("Hel", "lo", " world").usage(10, 3));

        // when
        List<ProviderEvent> events = drain(provider.stream(hello()));

        // then
        assertThat(events)
                .containsExactly(
                        new TextDelta("Hel"),
                        new TextDelta("lo"),
                        new TextDelta(" world"),
                        new Usage(10, 3),
                        new Finished(FinishReason.STOP));
    }

    @Test
    void first_delta_is_available_before_the_upstream_has_finished_sending() {
        // given
        upstream.enqueue(Reply.text("a", "b", "c", "d").delayBetweenTokens(Duration.ofMillis(200)));

        // when
        try (ProviderStream stream = provider.stream(hello())) {
            ProviderEvent first = stream.next();
            int completedWhenFirstArrived = upstream.completedReplies();
            List<ProviderEvent> rest = drain(stream);

            // then
            assertThat(first).isEqualTo(new TextDelta("a"));
            assertThat(completedWhenFirstArrived).isZero();
            assertThat(rest).last().isEqualTo(new Finished(FinishReason.STOP));
        }
    }

    @Test
    void parallel_tool_calls_with_fragmented_arguments_reassemble_exactly() {
        // given
        ToolCall weather = ToolCall.of("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\",\"days\":3}");
        ToolCall time = ToolCall.of("get_time", "{\"zone\":\"Europe/Paris\"}");
        upstream.enqueue(Reply.toolCalls(weather, time));

        // when
        List<ProviderEvent> events = drain(provider.stream(hello()));

        // then
        List<ToolCallDelta> deltas = toolCallDeltas(events);
        assertThat(deltas).hasSizeGreaterThan(4);
        assertThat(deltas.getFirst()).isEqualTo(new ToolCallDelta(0, weather.id(), "get_weather", ""));
        assertThat(deltas)
                .filteredOn(delta -> delta.id() != null)
                .extracting(ToolCallDelta::name)
                .containsExactly("get_weather", "get_time");
        assertThat(argumentsByIndex(deltas))
                .containsExactly(Map.entry(0, weather.arguments()), Map.entry(1, time.arguments()));
        assertThat(events.getLast()).isEqualTo(new Finished(FinishReason.TOOL_CALLS));
    }

    @Test
    void text_before_tool_calls_comes_first() {
        // given
        ToolCall lookup = ToolCall.of("lookup", "{\"q\":\"java\"}");
        upstream.enqueue(Reply.text("Checking.").withToolCalls(lookup));

        // when
        List<ProviderEvent> events = drain(provider.stream(hello()));

        // then
        assertThat(events.getFirst()).isEqualTo(new TextDelta("Checking."));
        assertThat(argumentsByIndex(toolCallDeltas(events))).containsExactly(Map.entry(0, lookup.arguments()));
        assertThat(events.getLast()).isEqualTo(new Finished(FinishReason.TOOL_CALLS));
    }

    @Test
    void usage_is_left_out_when_stream_usage_is_not_requested() {
        // given
        upstream.enqueue(Reply.text("hi"));
        try (OpenAiCompatibleProvider noUsage = OpenAiCompatibleProvider.openAi(
                        URI.create(upstream.baseUrl()), Optional.empty())
                .includeStreamUsage(false)
                .build()) {

            // when
            List<ProviderEvent> events = drain(noUsage.stream(hello()));

            // then
            assertThat(events).containsExactly(new TextDelta("hi"), new Finished(FinishReason.STOP));
        }
    }

    @Test
    void close_during_a_hanging_reply_returns_promptly_and_the_upstream_sees_the_disconnect()
            throws InterruptedException {
        // given
        upstream.enqueue(Reply.hangUntilClosed());
        ProviderStream stream = provider.stream(hello());
        AtomicBoolean hadNext = new AtomicBoolean(true);
        Thread reader = Thread.ofVirtual().start(() -> hadNext.set(stream.hasNext()));

        // when
        stream.close();

        // then
        assertThat(reader.join(Duration.ofSeconds(10)))
                .as("the blocked reader returned")
                .isTrue();
        assertThat(hadNext).isFalse();
        assertThat(upstream.awaitDisconnect(Duration.ofSeconds(10))).isTrue();
        assertThat(stream.hasNext()).isFalse();
    }
}
