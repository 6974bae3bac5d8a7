package dev.assistants4j.providers;

import static dev.assistants4j.providers.ProviderTestSupport.API_KEY;
import static dev.assistants4j.providers.ProviderTestSupport.drainUntilFailure;
import static dev.assistants4j.providers.ProviderTestSupport.hello;
import static dev.assistants4j.providers.ProviderTestSupport.messagesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.assistants4j.core.provider.ProviderEvent.TextDelta;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.providers.ProviderTestSupport.Outcome;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiCompatibleProviderErrorsTest {

    @RegisterExtension
    final FakeOpenAi fake = new FakeOpenAi();

    private final FakeUpstream upstream = fake.upstream;
    private final OpenAiCompatibleProvider provider = fake.provider;

    @ParameterizedTest(name = "HTTP {0} -> retriable {1}")
    @CsvSource({
        "400, false",
        "401, false",
        "403, false",
        "404, false",
        "408, true",
        "409, true",
        "422, false",
        "429, true",
        "500, true",
        "502, true",
        "503, true",
        "504, true"
    })
    void http_status_decides_whether_the_failure_is_retriable(int status, boolean retriable) {
        // given
        upstream.enqueue(Reply.error(status, "upstream says " + status));

        // when
        ProviderException failure = failureOfStream();

        // then
        assertThat(failure.status()).isEqualTo(status);
        assertThat(failure.retriable()).isEqualTo(retriable);
        assertThat(failure.getMessage()).isEqualTo("upstream says " + status);
    }

    @Test
    void bad_request_keeps_the_upstream_message_and_is_not_retriable() {
        // given
        upstream.enqueue(Reply.error(400, "Invalid schema for function 'get_weather'"));

        // when
        ProviderException failure = failureOfStream();

        // then
        assertThat(failure.retriable()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("Invalid schema for function 'get_weather'");
    }

    @Test
    void context_length_exceeded_keeps_the_upstream_code_and_type() {
        // given
        upstream.enqueue(Reply.error(400, "This model's maximum context length is 8192 tokens.")
                .code("context_length_exceeded"));

        // when
        ProviderException failure = failureOfStream();

        // then
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.retriable()).isFalse();
        assertThat(failure.code()).contains("context_length_exceeded");
        assertThat(failure.type()).contains("invalid_request_error");
    }

    @Test
    void error_body_without_code_or_type_has_neither() {
        // given
        upstream.enqueue(Reply.error(400, "unused").rawBody("{\"error\":\"model does not support images\"}"));

        // when
        ProviderException failure = failureOfStream();

        // then
        assertThat(failure.getMessage()).isEqualTo("model does not support images");
        assertThat(failure.code()).isEmpty();
        assertThat(failure.type()).isEmpty();
    }

    @Test
    void rate_limit_is_retriable_and_flagged() {
        // given
        upstream.enqueue(Reply.error(429, "Rate limit reached").retryAfter(Duration.ofSeconds(2)));

        // when
        ProviderException failure = failureOfStream();

        // then
        assertThat(failure.retriable()).isTrue();
        assertThat(failure.rateLimited()).isTrue();
    }

    @Test
    void error_body_that_is_not_json_gets_a_generic_message() {
        // given
        upstream.enqueue(Reply.error(502, "unused").rawBody("<html><body>Bad Gateway</body></html>"));

        // when
        ProviderException failure = failureOfStream();

        // then
        assertThat(failure.status()).isEqualTo(502);
        assertThat(failure.retriable()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("the model provider answered HTTP 502");
    }

    @Test
    void broken_stream_fails_retriable_after_the_partial_deltas() {
        // given
        upstream.enqueue(Reply.brokenStream("partial", " text"));

        // when
        Outcome outcome = drainUntilFailure(provider.stream(hello()));

        // then
        assertThat(outcome.events()).containsExactly(new TextDelta("partial"), new TextDelta(" text"));
        assertThat(outcome.failure().getMessage()).isEqualTo("upstream stream ended early");
        assertThat(outcome.failure().retriable()).isTrue();
        assertThat(outcome.failure().status()).isZero();
    }

    @Test
    void dropped_connection_fails_retriable_with_status_0() {
        // given
        upstream.enqueue(Reply.brokenStream("partial").abruptly());

        // when
        Outcome outcome = drainUntilFailure(provider.stream(hello()));

        // then
        assertThat(outcome.failure().retriable()).isTrue();
        assertThat(outcome.failure().status()).isZero();
        assertThat(outcome.failure().getMessage()).contains("broke mid-stream");
    }

    @Test
    void error_inside_the_stream_fails_with_its_message_after_the_deltas() {
        // given
        upstream.enqueue(Reply.streamError("The server had an error while processing your request.", "par"));

        // when
        Outcome outcome = drainUntilFailure(provider.stream(hello()));

        // then
        assertThat(outcome.events()).containsExactly(new TextDelta("par"));
        assertThat(outcome.failure().getMessage()).isEqualTo("The server had an error while processing your request.");
        assertThat(outcome.failure().retriable()).isTrue();
    }

    @Test
    void refused_connection_is_retriable_with_status_0() {
        // given
        FakeUpstream gone = FakeUpstream.start();
        URI closedPort = URI.create(gone.baseUrl());
        gone.close();

        // when
        ProviderException failure;
        try (OpenAiCompatibleProvider unreachable = OpenAiCompatibleProvider.openAi(closedPort, Optional.of(API_KEY))
                .build()) {
            failure = catchThrowableOfType(ProviderException.class, () -> unreachable.stream(hello()));
        }

        // then
        assertThat(failure.status()).isZero();
        assertThat(failure.retriable()).isTrue();
        assertThat(messagesOf(failure)).noneMatch(message -> message.contains(API_KEY));
    }

    @Test
    void silent_upstream_fails_retriable_after_the_read_timeout() {
        // given
        upstream.enqueue(Reply.text("too late").delayBeforeFirstToken(Duration.ofSeconds(30)));
        try (OpenAiCompatibleProvider impatient = OpenAiCompatibleProvider.openAi(
                        URI.create(upstream.baseUrl()), Optional.empty())
                .readTimeout(Duration.ofMillis(300))
                .build()) {

            // when
            Outcome outcome = drainUntilFailure(impatient.stream(hello()));

            // then
            assertThat(outcome.events()).isEmpty();
            assertThat(outcome.failure().retriable()).isTrue();
            assertThat(outcome.failure().status()).isZero();
            assertThat(outcome.failure().getMessage()).contains("sent nothing for 300 ms");
        }
    }

    @Test
    void api_key_quoted_by_the_upstream_is_redacted_from_the_message() {
        // given
        upstream.enqueue(Reply.error(401, "Incorrect API key provided: " + API_KEY + "."));

        // when
        ProviderException failure = failureOfStream();

        // then
        assertThat(failure.getMessage()).isEqualTo("Incorrect API key provided: [redacted].");
        assertThat(messagesOf(failure)).noneMatch(message -> message.contains(API_KEY));
    }

    @Test
    void api_key_quoted_inside_the_stream_is_redacted_from_the_message() {
        // given
        upstream.enqueue(Reply.streamError("key " + API_KEY + " was revoked"));

        // when
        Outcome outcome = drainUntilFailure(provider.stream(hello()));

        // then
        assertThat(messagesOf(outcome.failure())).noneMatch(message -> message.contains(API_KEY));
        assertThat(outcome.failure().getMessage()).isEqualTo("key [redacted] was revoked");
    }

    private ProviderException failureOfStream() {
        ProviderException failure = catchThrowableOfType(ProviderException.class, () -> provider.stream(hello()));
        assertThat(failure).as("stream() throws before any event").isNotNull();
        assertThat(messagesOf(failure)).noneMatch(message -> message.contains(API_KEY));
        return failure;
    }
}
