package dev.assistants4j.testkit;

import static dev.assistants4j.testkit.UpstreamClient.chatBody;
import static dev.assistants4j.testkit.UpstreamClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeUpstreamTest extends FakeUpstreamTesting {

    @Test
    void base_url_is_on_loopback_under_v1() {
        assertThat(upstream.baseUrl()).isEqualTo("http://127.0.0.1:" + upstream.port() + "/v1");
    }

    @Test
    void non_streaming_request_gets_one_chat_completion() {
        // given
        upstream.enqueue(Reply.text("Hello", " world").usage(5, 2));

        // when
        HttpResponse<String> response = client.post(chatUrl(), chatBody(false, false));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode completion = json(response.body());
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.at("/choices/0/message")).isEqualTo(json("""
                {"role":"assistant","content":"Hello world","refusal":null}"""));
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(completion.at("/usage/total_tokens").asInt()).isEqualTo(7);
    }

    @Test
    void non_streaming_tool_calls_are_complete_in_the_message() {
        // given
        ToolCall call = ToolCall.of("get_weather", "{\"city\":\"Paris\"}");
        upstream.enqueue(Reply.toolCalls(call));

        // when
        JsonNode completion =
                json(client.post(chatUrl(), chatBody(false, false)).body());

        // then
        assertThat(completion.at("/choices/0/message/content").isNull()).isTrue();
        assertThat(completion.at("/choices/0/message/tool_calls/0")).isEqualTo(json("""
                {"id":"%s","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}""".formatted(call.id())));
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void error_reply_has_the_status_an_openai_error_body_and_retry_after() {
        // given
        upstream.enqueue(Reply.error(429, "Rate limit reached").retryAfter(Duration.ofMillis(1500)));

        // when
        HttpResponse<String> response = client.post(chatUrl(), chatBody(true, true));

        // then
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("2");
        assertThat(json(response.body())).isEqualTo(json("""
                {"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}"""));
    }

    @Test
    void server_error_has_type_server_error() {
        // given
        upstream.enqueue(Reply.error(500, "boom"));

        // when
        HttpResponse<String> response = client.post(chatUrl(), chatBody(false, false));

        // then
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("server_error");
        assertThat(json(response.body()).at("/error/message").asText()).isEqualTo("boom");
    }

    @Test
    void raw_error_body_is_sent_verbatim() {
        // given
        upstream.enqueue(Reply.error(502, "ignored").rawBody("<html>Bad Gateway</html>"));

        // when
        HttpResponse<String> response = client.post(chatUrl(), chatBody(true, false));

        // then
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("<html>Bad Gateway</html>");
    }

    @Test
    void replies_are_taken_in_order_then_the_default_reply_answers() {
        // given
        upstream.enqueue(Reply.text("first"), Reply.text("second"));

        // when
        String first = contentOf(client.post(chatUrl(), chatBody(false, false)));
        String second = contentOf(client.post(chatUrl(), chatBody(false, false)));
        String third = contentOf(client.post(chatUrl(), chatBody(false, false)));
        upstream.defaultReply(Reply.text("changed"));
        String fourth = contentOf(client.post(chatUrl(), chatBody(false, false)));

        // then
        assertThat(first).isEqualTo("first");
        assertThat(second).isEqualTo("second");
        assertThat(third).isEqualTo("ok");
        assertThat(fourth).isEqualTo("changed");
        assertThat(upstream.pendingReplies()).isZero();
    }

    @Test
    void default_reply_can_be_computed_from_the_request_body_after_the_queue() {
        // given
        upstream.enqueue(Reply.text("queued"));
        upstream.defaultReply(
                body -> Reply.text("echo: " + body.at("/messages/0/content").asText()));

        // when
        String first = contentOf(client.post(chatUrl(), chatBody(false, false)));
        String second = contentOf(client.post(chatUrl(), chatBody(false, false)));

        // then
        assertThat(first).isEqualTo("queued");
        assertThat(second).isEqualTo("echo: Hi");
    }

    @Test
    void malformed_body_gets_a_400_and_does_not_take_a_reply() {
        // given
        upstream.enqueue(Reply.text("kept"));

        // when
        HttpResponse<String> response = client.post(chatUrl(), "{not json");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(upstream.pendingReplies()).isEqualTo(1);
        assertThat(upstream.requests().getFirst().body().isMissingNode()).isTrue();
        assertThat(upstream.requests().getFirst().rawBody()).isEqualTo("{not json");
    }

    @Test
    void chat_request_without_messages_gets_a_400() {
        // when
        HttpResponse<String> response = client.post(chatUrl(), "{\"model\":\"gpt-4o\"}");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).at("/error/param").asText()).isEqualTo("messages");
    }

    @Test
    void unknown_path_gets_a_404() {
        // when
        HttpResponse<String> response = client.post(upstream.baseUrl() + "/completions", "{}");

        // then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response.body()).at("/error/message").asText()).isEqualTo("Invalid URL (POST /v1/completions)");
    }

    @Test
    void requests_are_recorded_in_order_with_lower_cased_headers() {
        // given
        client.post(chatUrl(), chatBody(false, false), "X-Trace-Id", "abc", "Authorization", "Bearer sk-1");
        client.post(upstream.baseUrl() + "/embeddings", "{\"model\":\"e\",\"input\":\"x\"}");

        // when
        RecordedRequest first = upstream.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        RecordedRequest second = upstream.takeRequest(Duration.ofSeconds(5)).orElseThrow();

        // then
        assertThat(upstream.requestCount()).isEqualTo(2);
        assertThat(upstream.requests()).containsExactly(first, second);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/v1/chat/completions");
        assertThat(first.headers()).containsKeys("x-trace-id", "authorization", "content-type");
        assertThat(first.header("X-Trace-Id")).hasValue("abc");
        assertThat(first.body().at("/messages/0/content").asText()).isEqualTo("Hi");
        assertThat(second.path()).isEqualTo("/v1/embeddings");
        assertThat(upstream.takeRequest(Duration.ofMillis(50))).isEmpty();
    }

    @Test
    void azure_path_records_the_deployment_the_api_version_and_the_key() {
        // given
        String url = upstream.endpoint() + "/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21";
        upstream.enqueue(Reply.text("azure"));

        // when
        HttpResponse<String> response =
                client.post(url, "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "api-key", "azure-key");

        // then
        assertThat(contentOf(response)).isEqualTo("azure");
        RecordedRequest request = upstream.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        assertThat(request.deployment()).hasValue("my-gpt4o");
        assertThat(request.queryParam("api-version")).hasValue("2024-10-21");
        assertThat(request.header("api-key")).hasValue("azure-key");
        assertThat(json(response.body()).path("model").asText()).isEqualTo("my-gpt4o");
    }

    private static String contentOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response.body()).at("/choices/0/message/content").asText();
    }
}
