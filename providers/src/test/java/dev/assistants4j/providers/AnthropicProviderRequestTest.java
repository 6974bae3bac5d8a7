package dev.assistants4j.providers;

import static dev.assistants4j.providers.ProviderTestSupport.JSON;
import static dev.assistants4j.providers.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.domain.FunctionDefinition;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.provider.ChatMessage.Part;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.testkit.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the Anthropic adapter sends: the request the fake Messages API received (and accepted). */
class AnthropicProviderRequestTest {

    @RegisterExtension
    final NativeFake<AnthropicProvider> fake = NativeFake.anthropic();

    @Test
    void a_plain_request_goes_to_v1_messages_with_key_version_max_tokens_and_stream() {
        // when
        RecordedRequest request =
                fake.send(ChatRequest.of("claude-sonnet-4-5", List.of(ChatMessage.User.text("Hello"))));

        // then
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).contains(NativeFake.ANTHROPIC_KEY);
        assertThat(request.header("anthropic-version")).contains("2023-06-01");
        assertThat(request.header("authorization")).isEmpty();
        assertThat(request.body()).isEqualTo(json("""
                {"model":"claude-sonnet-4-5","max_tokens":64000,
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}],"stream":true}"""));
    }

    @Test
    void system_messages_join_the_top_level_system_and_leave_the_turns() {
        // when
        JsonNode body = fake.send(ChatRequest.of(
                        "claude-3-5-haiku",
                        List.of(
                                new ChatMessage.System("Be brief."),
                                ChatMessage.User.text("Hi"),
                                new ChatMessage.System("Answer in French."))))
                .body();

        // then
        assertThat(body.path("system").asText()).isEqualTo("Be brief.\n\nAnswer in French.");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
    }

    @Test
    void adjacent_turns_of_one_role_merge_so_that_roles_alternate() {
        // when
        JsonNode messages = fake.send(ChatRequest.of(
                        "claude-3-5-haiku",
                        List.of(
                                new ChatMessage.Assistant("Welcome!", List.of()),
                                ChatMessage.User.text("First"),
                                ChatMessage.User.text("Second"),
                                new ChatMessage.Assistant("", List.of()),
                                new ChatMessage.Assistant("One", List.of()),
                                new ChatMessage.Assistant("Two", List.of()),
                                ChatMessage.User.text("Third"))))
                .body()
                .path("messages");

        // then
        assertThat(messages).isEqualTo(json("""
                [{"role":"user","content":[{"type":"text","text":"."}]},
                 {"role":"assistant","content":[{"type":"text","text":"Welcome!"}]},
                 {"role":"user","content":[{"type":"text","text":"First"},{"type":"text","text":"Second"}]},
                 {"role":"assistant","content":[{"type":"text","text":"One"},{"type":"text","text":"Two"}]},
                 {"role":"user","content":[{"type":"text","text":"Third"}]}]"""));
    }

    @Test
    void tool_calls_become_tool_use_blocks_and_their_results_one_user_turn_of_tool_results() {
        // given
        ChatRequest request = ChatRequest.of(
                "claude-3-5-haiku",
                List.of(
                        ChatMessage.User.text("Weather and time?"),
                        new ChatMessage.Assistant(
                                "Checking.",
                                List.of(
                                        new ChatMessage.ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"),
                                        new ChatMessage.ToolCall("toolu_2", "get_time", ""))),
                        new ChatMessage.ToolResult("toolu_1", "18C"),
                        new ChatMessage.ToolResult("toolu_2", "noon"),
                        ChatMessage.User.text("Thanks")));

        // when
        JsonNode messages = fake.send(request).body().path("messages");

        // then
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1)).isEqualTo(json("""
                {"role":"assistant","content":[{"type":"text","text":"Checking."},
                  {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}},
                  {"type":"tool_use","id":"toolu_2","name":"get_time","input":{}}]}"""));
        assertThat(messages.get(2)).isEqualTo(json("""
                {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18C"},
                  {"type":"tool_result","tool_use_id":"toolu_2","content":"noon"},
                  {"type":"text","text":"Thanks"}]}"""));
    }

    @Test
    void images_are_base64_sources_from_data_urls_and_url_sources_from_web_urls() {
        // given
        ChatMessage.User user = new ChatMessage.User(List.of(
                new Part.Text("What is this?"),
                new Part.ImageUrl("data:image/png;base64,iVBORw0KGgo=", "high"),
                new Part.ImageUrl("https://example.com/cat.jpg", null)));

        // when
        JsonNode content = fake.send(ChatRequest.of("claude-3-5-haiku", List.of(user)))
                .body()
                .at("/messages/0/content");

        // then
        assertThat(content.get(1)).isEqualTo(json("""
                {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}"""));
        assertThat(content.get(2)).isEqualTo(json("""
                {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}"""));
    }

    @Test
    void tools_choice_sampling_and_the_requests_token_limit_are_mapped() {
        // given
        ChatRequest request = new ChatRequest(
                "claude-opus-4-1",
                List.of(ChatMessage.User.text("Weather?")),
                List.of(
                        new FunctionDefinition("get_weather", "Current weather", json("{\"type\":\"object\"}"), true),
                        new FunctionDefinition("ping", null, null, false)),
                JSON.getNodeFactory().textNode("required"),
                false,
                1.6,
                1.0,
                256,
                JSON.getNodeFactory().textNode("auto"),
                "high");

        // when
        JsonNode body = fake.send(request).body();

        // then
        assertThat(body.path("tools")).isEqualTo(json("""
                [{"name":"get_weather","description":"Current weather","input_schema":{"type":"object"}},
                 {"name":"ping","input_schema":{"type":"object","properties":{}}}]"""));
        assertThat(body.path("tool_choice")).isEqualTo(json("{\"type\":\"any\",\"disable_parallel_tool_use\":true}"));
        assertThat(body.path("temperature").asDouble()).isEqualTo(1.0);
        assertThat(body.has("top_p")).as("top_p 1 is left out").isFalse();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.has("reasoning_effort")).isFalse();
    }

    @Test
    void a_named_function_choice_becomes_a_tool_choice() {
        // given
        ChatRequest request = new ChatRequest(
                "claude-3-5-haiku",
                List.of(ChatMessage.User.text("Weather?")),
                List.of(new FunctionDefinition("get_weather", null, null, false)),
                json("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"),
                null,
                null,
                0.5,
                null,
                null,
                null);

        // when
        JsonNode body = fake.send(request).body();

        // then
        assertThat(body.path("tool_choice")).isEqualTo(json("{\"type\":\"tool\",\"name\":\"get_weather\"}"));
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.5);
    }

    @ParameterizedTest
    @CsvSource({
        "claude-3-haiku-20240307, 4096",
        "claude-3-5-sonnet-latest, 8192",
        "claude-3-7-sonnet-20250219, 64000",
        "claude-sonnet-4-20250514, 64000",
        "claude-opus-4-1-20250805, 32000",
        "claude-haiku-4-5, 64000",
        "some-future-model, 4096"
    })
    void without_a_limit_max_tokens_is_the_models_default(String model, int expected) {
        // when
        JsonNode body = fake.send(ChatRequest.of(model, List.of(ChatMessage.User.text("Hi"))))
                .body();

        // then
        assertThat(body.path("max_tokens").asInt()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"json_schema", "json_object"})
    void a_json_response_format_is_refused_with_a_400_before_anything_is_sent(String type) {
        // given
        ChatRequest request = new ChatRequest(
                "claude-3-5-haiku",
                List.of(ChatMessage.User.text("Hi")),
                List.of(),
                null,
                null,
                null,
                null,
                null,
                json("{\"type\":\"" + type + "\"}"),
                null);

        // when
        ProviderException failure = catchThrowableOfType(ProviderException.class, () -> fake.provider.stream(request));

        // then
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.retriable()).isFalse();
        assertThat(failure.type()).contains("invalid_request_error");
        assertThat(failure.getMessage()).contains("response_format " + type).contains("anthropic/");
        assertThat(fake.upstream.requestCount()).isZero();
    }
}
