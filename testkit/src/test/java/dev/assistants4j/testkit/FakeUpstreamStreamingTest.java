package dev.assistants4j.testkit;

import static dev.assistants4j.testkit.UpstreamClient.chatBody;
import static dev.assistants4j.testkit.UpstreamClient.dataFrames;
import static dev.assistants4j.testkit.UpstreamClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeUpstreamStreamingTest extends FakeUpstreamTesting {

    @Test
    void streamed_text_arrives_as_one_frame_per_delta_then_usage_and_done() {
        // given
        upstream.enqueue(Reply.text("Hello", " world").usage(9, 2));

        // when
        HttpResponse<String> response = client.post(chatUrl(), chatBody(true, true));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> frames = dataFrames(response.body());
        assertThat(frames).hasSize(6).last().isEqualTo("[DONE]");
        assertThat(delta(frames.get(0))).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}"));
        assertThat(delta(frames.get(1)).path("content").asText()).isEqualTo("Hello");
        assertThat(delta(frames.get(2)).path("content").asText()).isEqualTo(" world");
        assertThat(json(frames.get(3)).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode usageChunk = json(frames.get(4));
        assertThat(usageChunk.path("choices").isEmpty()).isTrue();
        assertThat(usageChunk.path("usage"))
                .isEqualTo(json("{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}"));
    }

    @Test
    void every_chunk_has_the_openai_chunk_envelope() {
        // given
        upstream.enqueue(Reply.text("Hi"));

        // when
        List<String> frames =
                dataFrames(client.post(chatUrl(), chatBody(true, false)).body());

        // then
        for (String frame : frames.subList(0, frames.size() - 1)) {
            JsonNode chunk = json(frame);
            assertThat(chunk.path("id").asText()).startsWith("chatcmpl-");
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("model").asText()).isEqualTo("gpt-4o");
            assertThat(chunk.path("created").isIntegralNumber()).isTrue();
            assertThat(chunk.has("usage")).as("no usage without include_usage").isFalse();
        }
    }

    @Test
    void each_delta_reaches_the_client_before_the_reply_is_complete() throws IOException {
        // given
        upstream.enqueue(Reply.text("one", "two", "three").delayBetweenTokens(Duration.ofMillis(300)));

        // when
        HttpResponse<InputStream> response = client.open(chatUrl(), chatBody(true, false));
        try (BufferedReader reader = UpstreamClient.lines(response.body())) {
            String role = UpstreamClient.nextDataFrame(reader);
            String first = UpstreamClient.nextDataFrame(reader);

            // then
            assertThat(delta(role).path("role").asText()).isEqualTo("assistant");
            assertThat(delta(first).path("content").asText()).isEqualTo("one");
            assertThat(upstream.completedReplies()).isZero();
            assertThat(UpstreamClient.readFramesUntilEnd(reader)).last().isEqualTo("[DONE]");
        }
    }

    @Test
    void tool_call_frames_follow_the_openai_shape() {
        // given
        ToolCall weather = ToolCall.of("get_weather", "{\"city\":\"Paris\"}");
        ToolCall time = ToolCall.of("get_time", "{}");
        upstream.enqueue(Reply.toolCalls(weather, time));

        // when
        List<String> frames =
                dataFrames(client.post(chatUrl(), chatBody(true, false)).body());

        // then
        assertThat(delta(frames.get(0))).isEqualTo(json("{\"role\":\"assistant\",\"content\":null,\"refusal\":null}"));
        assertThat(toolCallEntry(frames.get(1))).isEqualTo(json("""
                {"index":0,"id":"%s","type":"function","function":{"name":"get_weather","arguments":""}}""".formatted(weather.id())));
        assertThat(toolCallEntry(frames.get(2)))
                .isEqualTo(json("{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}"));
        assertThat(toolCallEntry(frames.get(3)))
                .isEqualTo(json("{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}"));
        assertThat(toolCallEntry(frames.get(4)).path("id").asText()).isEqualTo(time.id());
        assertThat(toolCallEntry(frames.get(5))).isEqualTo(json("{\"index\":1,\"function\":{\"arguments\":\"{}\"}}"));
        assertThat(json(frames.get(6)).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(frames.get(7)).isEqualTo("[DONE]");
        assertThat(weather.id()).startsWith("call_").isNotEqualTo(time.id());
    }

    @Test
    void text_and_tool_calls_stream_text_first() {
        // given
        ToolCall lookup = ToolCall.of("lookup", "{\"q\":\"x\"}");
        upstream.enqueue(Reply.text("Let me check.").withToolCalls(lookup));

        // when
        List<String> frames =
                dataFrames(client.post(chatUrl(), chatBody(true, false)).body());

        // then
        assertThat(delta(frames.get(1)).path("content").asText()).isEqualTo("Let me check.");
        assertThat(toolCallEntry(frames.get(2)).at("/function/name").asText()).isEqualTo("lookup");
        assertThat(json(frames.get(frames.size() - 2))
                        .at("/choices/0/finish_reason")
                        .asText())
                .isEqualTo("tool_calls");
    }

    @Test
    void scripted_finish_reason_is_sent() {
        // given
        upstream.enqueue(Reply.text("cut").finishReason("length"));

        // when
        List<String> frames =
                dataFrames(client.post(chatUrl(), chatBody(true, false)).body());

        // then
        assertThat(json(frames.get(frames.size() - 2))
                        .at("/choices/0/finish_reason")
                        .asText())
                .isEqualTo("length");
    }

    @Test
    void broken_stream_sends_the_partial_deltas_and_no_done() throws IOException {
        // given
        upstream.enqueue(Reply.brokenStream("partial", " text"));

        // when
        HttpResponse<InputStream> response = client.open(chatUrl(), chatBody(true, true));
        List<String> frames;
        try (BufferedReader reader = UpstreamClient.lines(response.body())) {
            frames = UpstreamClient.readFramesUntilEnd(reader);
        }

        // then
        assertThat(response.headers().firstValue("connection")).hasValue("close");
        assertThat(frames).hasSize(3).doesNotContain("[DONE]");
        assertThat(delta(frames.get(2)).path("content").asText()).isEqualTo(" text");
        assertThat(frames)
                .noneMatch(frame -> json(frame).at("/choices/0/finish_reason").isTextual());
        assertThat(upstream.completedReplies()).isZero();
    }

    @Test
    void abruptly_broken_stream_fails_the_read() throws IOException {
        // given
        upstream.enqueue(Reply.brokenStream("partial").abruptly());

        // when
        HttpResponse<InputStream> response = client.open(chatUrl(), chatBody(true, false));
        IOException failure;
        try (BufferedReader reader = UpstreamClient.lines(response.body())) {
            failure = catchThrowableOfType(IOException.class, () -> {
                while (UpstreamClient.nextDataFrame(reader) != null) {
                    // reading until the connection breaks
                }
            });
        }

        // then
        assertThat(failure)
                .as("the body ended with an I/O error, not a clean end")
                .isNotNull();
        assertThat(upstream.completedReplies()).isZero();
    }

    @Test
    void stream_error_sends_an_error_frame_and_no_done() {
        // given
        upstream.enqueue(Reply.streamError("The server had an error", "par"));

        // when
        List<String> frames =
                dataFrames(client.post(chatUrl(), chatBody(true, false)).body());

        // then
        assertThat(frames).hasSize(3).doesNotContain("[DONE]");
        assertThat(json(frames.get(2)).at("/error/message").asText()).isEqualTo("The server had an error");
        assertThat(json(frames.get(2)).at("/error/type").asText()).isEqualTo("server_error");
    }

    @Test
    void hang_until_closed_notices_the_client_going_away() throws IOException {
        // given
        upstream.enqueue(Reply.hangUntilClosed());
        HttpResponse<InputStream> response = client.open(chatUrl(), chatBody(true, false));
        BufferedReader reader = UpstreamClient.lines(response.body());
        assertThat(delta(UpstreamClient.nextDataFrame(reader)).path("role").asText())
                .isEqualTo("assistant");

        // when
        response.body().close();

        // then
        assertThat(upstream.awaitDisconnect(Duration.ofSeconds(10))).isTrue();
        assertThat(upstream.disconnectCount()).isEqualTo(1);
        assertThat(upstream.completedReplies()).isZero();
    }

    private static JsonNode delta(String frame) {
        return json(frame).at("/choices/0/delta");
    }

    private static JsonNode toolCallEntry(String frame) {
        JsonNode calls = delta(frame).path("tool_calls");
        assertThat(calls.size()).as("one tool call entry per frame").isEqualTo(1);
        return calls.get(0);
    }
}
