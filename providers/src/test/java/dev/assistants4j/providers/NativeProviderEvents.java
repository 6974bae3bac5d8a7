package dev.assistants4j.providers;

import static dev.assistants4j.providers.ProviderTestSupport.drain;
import static dev.assistants4j.providers.ProviderTestSupport.drainUntilFailure;
import static dev.assistants4j.providers.ProviderTestSupport.messagesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderEvent.TextDelta;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.testkit.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a native adapter (Anthropic, Gemini) reads errors, retries and broken streams from the fake speaking its API. A
 * subclass names the fake, the model and what its API answers; it adds the tests of its own answers.
 */
abstract class NativeProviderEvents {

    /** An error as the API words it ({@code message}) and the type the adapter reads from it. */
    record Refusal(int status, String message, String type) {}

    @RegisterExtension
    final NativeFake<?> fake = newFake();

    abstract NativeFake<?> newFake();

    abstract String model();

    /** A 400 for a malformed request. */
    abstract Refusal badRequest();

    /** The message of a 400 for a prompt longer than the model's context. */
    abstract String promptTooLong();

    /** The refusal of the key, whose message shows the key. */
    abstract Refusal keyRefused(String apiKey);

    /** An overload, then a rate limit (with a short wait, if any), then the text {@code Finally}. */
    abstract Reply[] overloadedRateLimitedThenFinally();

    /** The message of a 429 and, where the test checks it, the type the adapter reads from it. */
    abstract Refusal rateLimited();

    /** The message of an error mid-stream and the type the adapter reads from it. */
    abstract Refusal streamError();

    @Test
    void an_http_error_keeps_its_status_message_and_type() {
        // given
        Refusal refusal = badRequest();
        fake.upstream.enqueue(Reply.error(refusal.status(), refusal.message()));

        // when
        ProviderException failure = refusal();

        // then
        assertThat(failure.status()).isEqualTo(refusal.status());
        assertThat(failure.retriable()).isFalse();
        assertThat(failure.getMessage()).isEqualTo(refusal.message());
        assertThat(failure.type()).contains(refusal.type());
        assertThat(failure.code()).isEmpty();
    }

    @Test
    void a_prompt_too_long_gets_openais_context_length_code() {
        // given
        fake.upstream.enqueue(Reply.error(400, promptTooLong()));

        // then
        assertThat(refusal().code()).contains("context_length_exceeded");
    }

    @Test
    void a_refused_key_never_shows_the_key() {
        // given
        Refusal refusal = keyRefused(fake.apiKey);
        fake.upstream.enqueue(Reply.error(refusal.status(), refusal.message()));

        // when
        ProviderException failure = refusal();

        // then
        assertThat(failure.status()).isEqualTo(refusal.status());
        assertThat(failure.type()).contains(refusal.type());
        assertThat(messagesOf(failure)).noneMatch(text -> text.contains(fake.apiKey));
    }

    @Test
    void overloaded_and_rate_limited_answers_are_retried_before_the_first_event() {
        // given
        fake.upstream.enqueue(overloadedRateLimitedThenFinally());

        // when
        List<ProviderEvent> events = drain(fake.provider.stream(hello()));

        // then
        assertThat(events.getFirst()).isEqualTo(new TextDelta("Finally"));
        assertThat(fake.upstream.requestCount()).isEqualTo(3);
    }

    @Test
    void a_retry_after_longer_than_the_maximum_is_not_waited_for() {
        // given
        Duration tooLong = OverloadRetries.MAX_RETRY_AFTER.plusSeconds(1);
        Refusal refusal = rateLimited();
        fake.upstream.enqueue(Reply.error(429, refusal.message()).retryAfter(tooLong), Reply.text("not asked"));

        // when
        ProviderException failure = refusal();

        // then
        assertThat(failure.status()).isEqualTo(429);
        Optional.ofNullable(refusal.type()).ifPresent(type -> {
            assertThat(failure.retriable()).isTrue();
            assertThat(failure.type()).contains(type);
        });
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
    void an_error_mid_stream_fails_the_stream_with_its_status_and_type() {
        // given
        Refusal refusal = streamError();
        fake.upstream.enqueue(Reply.streamError(refusal.message(), "Partial"));

        // when
        ProviderTestSupport.Outcome outcome = drainUntilFailure(fake.provider.stream(hello()));

        // then
        assertThat(outcome.events()).containsExactly(new TextDelta("Partial"));
        assertThat(outcome.failure().status()).isEqualTo(refusal.status());
        assertThat(outcome.failure().retriable()).isTrue();
        assertThat(outcome.failure().type()).contains(refusal.type());
        assertThat(outcome.failure().getMessage()).isEqualTo(refusal.message());
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

    /** The last event of the answer to a text finished with the API's {@code scripted} reason. */
    ProviderEvent finishingWith(String scripted) {
        fake.upstream.enqueue(Reply.text("Hi").finishReason(scripted));
        return drain(fake.provider.stream(hello())).getLast();
    }

    ProviderException refusal() {
        return catchThrowableOfType(ProviderException.class, () -> drain(fake.provider.stream(hello())));
    }

    ChatRequest hello() {
        return ChatRequest.of(model(), List.of(ChatMessage.User.text("Hello")));
    }
}
