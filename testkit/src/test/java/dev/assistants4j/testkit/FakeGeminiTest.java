package dev.assistants4j.testkit;

import static dev.assistants4j.testkit.UpstreamClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Gemini API of {@link FakeUpstream} ({@code POST /v1beta/models/{model}:…}), read as raw HTTP. */
class FakeGeminiTest extends FakeUpstreamTesting {

    private static final String[] KEY = {"x-goog-api-key", "AIza-test-key"};
    private static final String USER = "{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}";

    @Test
    void streamed_text_is_data_chunks_ending_with_the_finish_reason_and_usage() {
        // given
        upstream.enqueue(Reply.text("Hel", "lo").usage(12, 3));

        // when
        HttpResponse<String> response = stream(contents(USER));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> chunks = chunks(response.body());
        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(0).at("/candidates/0/content/parts/0/text").asText())
                .isEqualTo("Hel");
        assertThat(chunks.get(0).at("/candidates/0/content/role").asText()).isEqualTo("model");
        assertThat(chunks.get(1).at("/candidates/0/finishReason").isMissingNode())
                .isTrue();
        assertThat(chunks.get(2).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(chunks.get(2).at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(12);
        assertThat(chunks.get(2).at("/usageMetadata/candidatesTokenCount").asInt())
                .isEqualTo(3);
        assertThat(chunks.get(2).path("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
    }

    @Test
    void parallel_calls_come_whole_in_one_chunk_without_ids_the_first_signed() {
        // given
        upstream.enqueue(
                Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}"), ToolCall.of("get_time", "{}")));

        // when
        List<JsonNode> chunks = chunks(stream(contents(USER)).body());

        // then
        JsonNode parts = chunks.getFirst().at("/candidates/0/content/parts");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).path("functionCall"))
                .isEqualTo(json("{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}"));
        assertThat(parts.get(0).path("thoughtSignature").isTextual()).isTrue();
        assertThat(parts.get(1).path("functionCall")).isEqualTo(json("{\"name\":\"get_time\",\"args\":{}}"));
        assertThat(chunks.getLast().at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void generate_content_answers_one_response_and_a_length_cut_off_is_max_tokens() {
        // given
        upstream.enqueue(Reply.text("trunc", "ated").finishReason("length").usage(5, 2));

        // when
        HttpResponse<String> response = client.post(
                upstream.endpoint() + "/v1beta/models/gemini-2.5-flash:generateContent", contents(USER), KEY);

        // then
        JsonNode body = json(response.body());
        assertThat(body.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("truncated");
        assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(body.at("/usageMetadata/totalTokenCount").asInt()).isEqualTo(7);
    }

    @Test
    void scripted_errors_have_geminis_body_and_a_retry_delay_becomes_retry_info() {
        // given
        upstream.enqueue(
                Reply.error(429, "Quota exceeded").retryAfter(Duration.ofSeconds(7)), Reply.error(503, "Overloaded"));

        // when
        HttpResponse<String> limited = stream(contents(USER));
        HttpResponse<String> overloaded = stream(contents(USER));

        // then
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).isEmpty();
        JsonNode error = json(limited.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(429);
        assertThat(error.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.at("/details/0/retryDelay").asText()).isEqualTo("7.0s");
        assertThat(json(overloaded.body()).at("/error/status").asText()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void requests_gemini_refuses_are_refused_before_a_reply_is_taken() {
        // given
        upstream.enqueue(Reply.text("kept"));
        String call = "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{}},"
                + "\"thoughtSignature\":\"c2ln\"}]}";

        // when
        HttpResponse<String> twoUsers = stream(contents(USER + "," + USER));
        HttpResponse<String> unanswered = stream(contents(USER + "," + call + "," + USER));
        HttpResponse<String> unsigned = stream(contents(USER + "," + call.replace(",\"thoughtSignature\":\"c2ln\"", "")
                + ",{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":{}}}]}"));
        HttpResponse<String> badSchema = stream("{\"contents\":[" + USER + "],\"tools\":[{\"functionDeclarations\":["
                + "{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},"
                + "\"additionalProperties\":false}}]}]}");
        HttpResponse<String> noKey = client.post(streamUrl(), contents(USER));

        // then
        assertThat(twoUsers.statusCode()).isEqualTo(400);
        assertThat(message(twoUsers)).contains("alternate between user and model");
        assertThat(message(unanswered)).contains("number of function response parts");
        assertThat(message(unsigned)).contains("thought_signature");
        assertThat(message(badSchema)).contains("Unknown name \"additionalProperties\"");
        assertThat(noKey.statusCode()).isEqualTo(403);
        assertThat(json(noKey.body()).at("/error/status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(upstream.pendingReplies()).isEqualTo(1);
    }

    private HttpResponse<String> stream(String body) {
        return client.post(streamUrl(), body, KEY);
    }

    private String streamUrl() {
        return upstream.endpoint() + "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";
    }

    private static String contents(String turns) {
        return "{\"contents\":[" + turns + "]}";
    }

    private static String message(HttpResponse<String> response) {
        return json(response.body()).at("/error/message").asText();
    }

    private static List<JsonNode> chunks(String body) {
        return UpstreamClient.dataFrames(body).stream()
                .map(UpstreamClient::json)
                .toList();
    }
}
