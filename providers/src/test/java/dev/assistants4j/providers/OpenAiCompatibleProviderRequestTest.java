package dev.assistants4j.providers;

import static dev.assistants4j.providers.ProviderTestSupport.API_KEY;
import static dev.assistants4j.providers.ProviderTestSupport.drain;
import static dev.assistants4j.providers.ProviderTestSupport.hello;
import static dev.assistants4j.providers.ProviderTestSupport.json;
import static dev.assistants4j.providers.ProviderTestSupport.openAi;
import static dev.assistants4j.providers.ProviderTestSupport.received;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.domain.FunctionDefinition;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.provider.ChatMessage.Part;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleProviderRequestTest {

    private final FakeUpstream upstream = FakeUpstream.start();

    @AfterEach
    void close() {
        upstream.close();
    }

    @Test
    void plain_request_sends_only_model_messages_and_streaming_fields() {
        // when
        RecordedRequest request = send(openAi(upstream), hello());

        // then
        assertThat(request.body()).isEqualTo(json("""
                {"model":"gpt-4o","messages":[{"role":"user","content":"Hello"}],
                 "stream":true,"stream_options":{"include_usage":true}}"""));
    }

    @Test
    void all_settings_are_sent_under_their_wire_names() {
        // given
        ChatRequest request = new ChatRequest(
                "o3-mini",
                List.of(ChatMessage.User.text("Weather?")),
                List.of(
                        new FunctionDefinition("get_weather", "Current weather", json("{\"type\":\"object\"}"), true),
                        new FunctionDefinition("ping", null, null, false)),
                json("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"),
                false,
                0.2,
                0.9,
                256,
                json("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"w\",\"schema\":{\"type\":\"object\"}}}"),
                "low");

        // when
        JsonNode body = send(openAi(upstream), request).body();

        // then
        assertThat(body.path("tools")).isEqualTo(json("""
                [{"type":"function","function":{"name":"get_weather","description":"Current weather",
                  "parameters":{"type":"object"},"strict":true}},
                 {"type":"function","function":{"name":"ping"}}]"""));
        assertThat(body.path("tool_choice")).isEqualTo(request.toolChoice());
        assertThat(body.path("parallel_tool_calls").asBoolean(true)).isFalse();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(256);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.path("response_format")).isEqualTo(request.responseFormat());
        assertThat(body.path("reasoning_effort").asText()).isEqualTo("low");
    }

    @Test
    void conversation_with_tool_calls_tool_results_and_images_keeps_openai_shapes() {
        // given
        List<ChatMessage> messages = List.of(
                new ChatMessage.System("Be brief."),
                new ChatMessage.User(List.of(
                        new Part.Text("What is this?"), new Part.ImageUrl("https://example.com/cat.png", "high"))),
                new ChatMessage.Assistant(
                        null, List.of(new ChatMessage.ToolCall("call_1", "classify", "{\"url\":\"cat.png\"}"))),
                new ChatMessage.ToolResult("call_1", "a cat"),
                new ChatMessage.Assistant("A cat.", List.of()));

        // when
        JsonNode body =
                send(openAi(upstream), ChatRequest.of("gpt-4o", messages)).body();

        // then
        assertThat(body.path("messages")).isEqualTo(json("""
                [{"role":"system","content":"Be brief."},
                 {"role":"user","content":[{"type":"text","text":"What is this?"},
                   {"type":"image_url","image_url":{"url":"https://example.com/cat.png","detail":"high"}}]},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                   "function":{"name":"classify","arguments":"{\\"url\\":\\"cat.png\\"}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"a cat"},
                 {"role":"assistant","content":"A cat."}]"""));
    }

    @Test
    void tool_choice_and_parallel_tool_calls_are_left_out_without_tools() {
        // given
        ChatRequest request = new ChatRequest(
                "gpt-4o", hello().messages(), List.of(), json("\"auto\""), true, null, null, null, null, null);

        // when
        JsonNode body = send(openAi(upstream), request).body();

        // then
        assertThat(body.has("tools")).isFalse();
        assertThat(body.has("tool_choice")).isFalse();
        assertThat(body.has("parallel_tool_calls")).isFalse();
    }

    @Test
    void compatible_provider_sends_max_tokens_instead_of_max_completion_tokens() {
        // given
        ChatRequest request =
                new ChatRequest("llama3.1", hello().messages(), List.of(), null, null, null, null, 100, null, null);
        OpenAiCompatibleProvider compatible = OpenAiCompatibleProvider.compatible(
                        URI.create(upstream.baseUrl()), Optional.empty())
                .build();

        // when
        JsonNode body = send(compatible, request).body();

        // then
        assertThat(body.path("max_tokens").asInt()).isEqualTo(100);
        assertThat(body.has("max_completion_tokens")).isFalse();
    }

    @Test
    void openai_posts_to_chat_completions_under_the_base_url_with_a_bearer_key() {
        // given
        OpenAiCompatibleProvider provider = OpenAiCompatibleProvider.openAi(
                        URI.create(upstream.baseUrl() + "/"), Optional.of(API_KEY))
                .header("OpenAI-Organization", "org-test")
                .build();

        // when
        RecordedRequest request = send(provider, hello());

        // then
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("authorization")).hasValue("Bearer " + API_KEY);
        assertThat(request.header("openai-organization")).hasValue("org-test");
        assertThat(request.header("content-type")).hasValue("application/json");
    }

    @Test
    void provider_without_a_key_sends_no_authorization() {
        // given
        OpenAiCompatibleProvider provider = OpenAiCompatibleProvider.compatible(
                        URI.create(upstream.baseUrl()), Optional.empty())
                .build();

        // when
        RecordedRequest request = send(provider, hello());

        // then
        assertThat(request.header("authorization")).isEmpty();
    }

    @Test
    void azure_posts_to_the_deployment_with_the_api_version_and_an_api_key_header() {
        // given
        OpenAiCompatibleProvider provider = OpenAiCompatibleProvider.azure(
                        URI.create(upstream.endpoint()), "gpt4o-prod", "2024-10-21", API_KEY)
                .build();

        // when
        RecordedRequest request = send(provider, hello());

        // then
        assertThat(request.path()).isEqualTo("/openai/deployments/gpt4o-prod/chat/completions");
        assertThat(request.deployment()).hasValue("gpt4o-prod");
        assertThat(request.queryParam("api-version")).hasValue("2024-10-21");
        assertThat(request.header("api-key")).hasValue(API_KEY);
        assertThat(request.header("authorization")).isEmpty();
    }

    @Test
    void azure_endpoint_that_already_ends_with_openai_is_not_doubled() {
        // given
        OpenAiCompatibleProvider provider = OpenAiCompatibleProvider.azure(
                        URI.create(upstream.endpoint() + "/openai/"), "gpt4o", "2024-10-21", API_KEY)
                .build();

        // when
        RecordedRequest request = send(provider, hello());

        // then
        assertThat(request.path()).isEqualTo("/openai/deployments/gpt4o/chat/completions");
        assertThat(provider.chatCompletionsUri().toString())
                .isEqualTo(upstream.endpoint() + "/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21");
    }

    /** Streams one answer (the fake's default) to the end and returns what the upstream received. */
    private RecordedRequest send(OpenAiCompatibleProvider provider, ChatRequest request) {
        try (provider) {
            assertThat(drain(provider.stream(request))).isNotEmpty();
        }
        return received(upstream);
    }
}
