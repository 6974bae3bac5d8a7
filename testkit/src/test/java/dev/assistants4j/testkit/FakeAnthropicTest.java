package dev.assistants4j.testkit;

import static dev.assistants4j.testkit.UpstreamClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Anthropic Messages API of {@link FakeUpstream} ({@code POST /v1/messages}), read as raw HTTP. */
class FakeAnthropicTest extends FakeUpstreamTesting {

    private static final String[] HEADERS = {"x-api-key", "sk-ant-test", "anthropic-version", "2023-06-01"};

    @Test
    void streamed_text_is_named_events_from_message_start_to_message_stop() {
        // given
        upstream.enqueue(Reply.text("Hel", "lo").usage(12, 3));

        // when
        HttpResponse<String> response = post(body(true, "{\"role\":\"user\",\"content\":\"Hi\"}"));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events = events(response.body());
        assertThat(events)
                .extracting(event -> event.path("type").asText())
                .containsExactly(
                        "message_start",
                        "ping",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        assertThat(events.get(0).at("/message/usage/input_tokens").asInt()).isEqualTo(12);
        assertThat(events.get(3).at("/delta/text").asText()).isEqualTo("Hel");
        assertThat(events.get(4).at("/delta/type").asText()).isEqualTo("text_delta");
        assertThat(events.get(6).at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(events.get(6).at("/usage/output_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void parallel_tool_calls_are_tool_use_blocks_with_input_split_over_several_deltas() {
        // given
        ToolCall weather = ToolCall.of("get_weather", "{\"city\":\"Paris\",\"days\":3}");
        ToolCall time = ToolCall.of("get_time", "{}");
        upstream.enqueue(Reply.toolCalls(weather, time));

        // when
        List<JsonNode> events = events(
                post(body(true, "{\"role\":\"user\",\"content\":\"Hi\"}")).body());

        // then
        List<JsonNode> starts = ofType(events, "content_block_start");
        assertThat(starts)
                .extracting(e -> e.at("/content_block/name").asText())
                .containsExactly("get_weather", "get_time");
        assertThat(starts).extracting(e -> e.at("/content_block/id").asText()).containsExactly(weather.id(), time.id());
        List<String> fragments = ofType(events, "content_block_delta").stream()
                .filter(e -> e.path("index").asInt() == 0)
                .map(e -> e.at("/delta/partial_json").asText())
                .toList();
        assertThat(fragments).hasSizeGreaterThan(1);
        assertThat(String.join("", fragments)).isEqualTo(weather.arguments());
        assertThat(ofType(events, "message_delta")
                        .getFirst()
                        .at("/delta/stop_reason")
                        .asText())
                .isEqualTo("tool_use");
    }

    @Test
    void a_non_streamed_answer_is_one_message_with_its_blocks_and_usage() {
        // given
        upstream.enqueue(
                Reply.text("Hi").withToolCalls(ToolCall.of("f", "{\"a\":1}")).usage(5, 2));

        // when
        JsonNode message =
                json(post(body(false, "{\"role\":\"user\",\"content\":\"Hi\"}")).body());

        // then
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.at("/content/0/text").asText()).isEqualTo("Hi");
        assertThat(message.at("/content/1/input")).isEqualTo(json("{\"a\":1}"));
        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.at("/usage/output_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void scripted_errors_have_anthropics_body_and_type() {
        // given
        upstream.enqueue(
                Reply.error(529, "Overloaded"), Reply.error(429, "Slow down").code("overloaded_error"));

        // when
        HttpResponse<String> overloaded = post(body(true, "{\"role\":\"user\",\"content\":\"Hi\"}"));
        HttpResponse<String> retyped = post(body(true, "{\"role\":\"user\",\"content\":\"Hi\"}"));

        // then
        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(json(overloaded.body()))
                .isEqualTo(json(
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        assertThat(retyped.statusCode()).isEqualTo(429);
        assertThat(json(retyped.body()).at("/error/type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void requests_anthropic_refuses_are_refused_before_a_reply_is_taken() {
        // given
        upstream.enqueue(Reply.text("kept"));
        String user = "{\"role\":\"user\",\"content\":\"Hi\"}";

        // when
        HttpResponse<String> noMaxTokens = post("{\"model\":\"claude\",\"messages\":[" + user + "]}");
        HttpResponse<String> twoUsers = post(body(true, user + "," + user));
        HttpResponse<String> unanswered = post(body(
                true,
                user + ",{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\","
                        + "\"input\":{}}]}," + user));
        HttpResponse<String> noKey = client.post(upstream.endpoint() + "/v1/messages", body(true, user));

        // then
        assertThat(noMaxTokens.statusCode()).isEqualTo(400);
        assertThat(json(noMaxTokens.body()).at("/error/message").asText()).contains("max_tokens");
        assertThat(json(twoUsers.body()).at("/error/message").asText()).contains("roles must alternate");
        assertThat(json(unanswered.body()).at("/error/message").asText()).contains("toolu_1");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(json(noKey.body()).at("/error/type").asText()).isEqualTo("authentication_error");
        assertThat(upstream.pendingReplies()).isEqualTo(1);
        assertThat(upstream.requestCount()).isEqualTo(4);
    }

    private HttpResponse<String> post(String body) {
        return client.post(upstream.endpoint() + "/v1/messages", body, HEADERS);
    }

    private static String body(boolean stream, String messages) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"stream\":" + stream + ",\"messages\":[" + messages
                + "]}";
    }

    /** The data of every SSE event, checking that each event's name is its data's type. */
    private static List<JsonNode> events(String body) {
        List<JsonNode> events = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            String[] lines = frame.split("\n");
            assertThat(lines).hasSize(2);
            JsonNode data = json(lines[1].substring("data: ".length()));
            assertThat(lines[0]).isEqualTo("event: " + data.path("type").asText());
            events.add(data);
        }
        return events;
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }
}
