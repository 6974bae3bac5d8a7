package dev.assistants4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.FinishReason;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderEvent.Finished;
import dev.assistants4j.core.provider.ProviderEvent.TextDelta;
import dev.assistants4j.core.provider.ProviderEvent.ToolCallDelta;
import dev.assistants4j.core.provider.ProviderEvent.Usage;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What the run engine relies on from every {@link LlmProvider}, whatever API it speaks: text streamed as several
 * deltas in order, usage reported once before the end, exactly one {@link Finished} last with the right {@link
 * FinishReason}, parallel tool calls told apart by index and reassembled exactly, a stream that stays ended, and a
 * refusal before the first event thrown as a {@link ProviderException} with its status. A subclass arranges each answer
 * (a scripted {@link FakeUpstream} behind a real adapter, or an offline provider); a provider that cannot give an answer
 * (the offline mock never calls tools) returns {@link Optional#empty()} and the test is skipped, so each adapter shows
 * which parts it covers. One instance per test (JUnit's default); the subclass closes what it opened.
 */
public abstract class LlmProviderContract {

    /** The text the text tests ask for: several words, so a provider that streams by word sends several deltas. */
    protected static final String TEXT = "The answer streams in several pieces.";

    /** A provider that answers the next request with {@code text}, streamed in more than one delta, with usage. */
    protected abstract LlmProvider answeringText(String text);

    /** A provider that answers the next request with these parallel tool calls; empty when it never calls tools. */
    protected abstract Optional<LlmProvider> callingTools(List<ToolCall> calls);

    /** A provider whose next answer, {@code text}, is cut off at the token limit; empty when it never is. */
    protected abstract Optional<LlmProvider> cutOffAtLength(String text);

    /** A provider that refuses the next request with this HTTP status before any event; empty when it never does. */
    protected abstract Optional<LlmProvider> refusingWith(int status, String message);

    /** The request the tests send. */
    protected ChatRequest request() {
        return ChatRequest.of("gpt-4o", List.of(ChatMessage.User.text("Hello")));
    }

    @Test
    void text_streams_as_several_deltas_in_order_and_ends_with_one_finished_stop() {
        // when
        List<ProviderEvent> events = drain(answeringText(TEXT).stream(request()));

        // then
        List<String> deltas = events.stream()
                .filter(TextDelta.class::isInstance)
                .map(e -> ((TextDelta) e).text())
                .toList();
        assertThat(deltas).hasSizeGreaterThan(1);
        assertThat(String.join("", deltas)).isEqualTo(TEXT);
        assertThat(events).filteredOn(Finished.class::isInstance).hasSize(1);
        assertThat(events).last().isEqualTo(new Finished(FinishReason.STOP));
    }

    @Test
    void usage_comes_once_before_the_end_with_positive_counts() {
        // when
        List<ProviderEvent> events = drain(answeringText(TEXT).stream(request()));

        // then
        List<ProviderEvent> usages =
                events.stream().filter(Usage.class::isInstance).toList();
        assertThat(usages).hasSize(1);
        Usage usage = (Usage) usages.getFirst();
        assertThat(usage.promptTokens()).isPositive();
        assertThat(usage.completionTokens()).isPositive();
        assertThat(events.indexOf(usage)).isLessThan(events.size() - 1);
    }

    @Test
    void an_ended_stream_stays_ended() {
        // given
        ProviderStream stream = answeringText(TEXT).stream(request());
        drain(stream);

        // then
        assertThat(stream.hasNext()).isFalse();
        assertThatThrownBy(stream::next).isInstanceOf(NoSuchElementException.class);
        stream.close(); // a second close is harmless
    }

    @Test
    void parallel_tool_calls_are_told_apart_by_index_and_reassemble_exactly() {
        // given
        ToolCall weather = ToolCall.of("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\",\"days\":3}");
        ToolCall time = ToolCall.of("get_time", "{\"zone\":\"Europe/Paris\"}");
        Optional<LlmProvider> provider = callingTools(List.of(weather, time));
        assumeThat(provider).as("the provider calls tools").isPresent();

        // when
        List<ProviderEvent> events = drain(provider.get().stream(request()));

        // then
        List<ToolCallDelta> deltas = toolCallDeltas(events);
        List<ToolCallDelta> starts =
                deltas.stream().filter(delta -> delta.id() != null).toList();
        assertThat(starts).extracting(ToolCallDelta::name).containsExactly("get_weather", "get_time");
        assertThat(starts).extracting(ToolCallDelta::index).doesNotHaveDuplicates();
        assertThat(starts).extracting(ToolCallDelta::id).doesNotHaveDuplicates();
        assertThat(argumentsByIndex(deltas))
                .containsExactly(Map.entry(0, weather.arguments()), Map.entry(1, time.arguments()));
        assertThat(events.getLast()).isEqualTo(new Finished(FinishReason.TOOL_CALLS));
    }

    @Test
    void finish_reason_length_gives_finished_length() {
        // given
        Optional<LlmProvider> provider = cutOffAtLength("truncat");
        assumeThat(provider).as("the provider reports a length cut-off").isPresent();

        // when
        List<ProviderEvent> events = drain(provider.get().stream(request()));

        // then
        assertThat(events).last().isEqualTo(new Finished(FinishReason.LENGTH));
        assertThat(events).filteredOn(Finished.class::isInstance).hasSize(1);
    }

    @Test
    void a_refusal_before_the_first_event_is_a_provider_exception_with_its_status() {
        // given
        Optional<LlmProvider> provider = refusingWith(429, "Rate limit reached for requests");
        assumeThat(provider).as("the provider can be refused").isPresent();

        // when
        Throwable thrown = catchFailure(provider.get());

        // then
        assertThat(thrown).isInstanceOf(ProviderException.class);
        ProviderException failure = (ProviderException) thrown;
        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.retriable()).isTrue();
    }

    /** Every event of a stream, then closes it. */
    public static List<ProviderEvent> drain(ProviderStream stream) {
        try (stream) {
            List<ProviderEvent> events = new ArrayList<>();
            stream.forEachRemaining(events::add);
            return events;
        }
    }

    /** The tool call deltas among the events, in order. */
    public static List<ToolCallDelta> toolCallDeltas(List<ProviderEvent> events) {
        return events.stream()
                .filter(ToolCallDelta.class::isInstance)
                .map(ToolCallDelta.class::cast)
                .toList();
    }

    /** The arguments of each call, its fragments joined, by index. */
    public static Map<Integer, String> argumentsByIndex(List<ToolCallDelta> deltas) {
        Map<Integer, String> arguments = new TreeMap<>();
        deltas.forEach(delta -> arguments.merge(delta.index(), delta.argumentsFragment(), String::concat));
        return arguments;
    }

    /** What failed: the call to stream or the reading of its events. */
    private Throwable catchFailure(LlmProvider provider) {
        try (ProviderStream stream = provider.stream(request())) {
            stream.forEachRemaining(event -> {});
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the provider did not fail");
    }
}
