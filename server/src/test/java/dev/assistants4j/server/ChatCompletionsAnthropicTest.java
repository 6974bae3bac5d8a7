package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/chat/completions} for an {@code anthropic/…} route: translated to Anthropic's Messages API by the
 * native adapter and answered in OpenAI's shape, driven by the official openai-java client.
 */
class ChatCompletionsAnthropicTest extends NativeChatCompletions {

    ChatCompletionsAnthropicTest() {
        super("claude", "anthropic/claude-sonnet-4-5", Optional.of("sk-ant-upstream-key"), Map.of());
    }

    @Test
    void a_completion_is_translated_to_a_messages_request_and_back() {
        // when
        ChatCompletion completion = completeInFrench();

        // then
        assertThat(completion.model()).isEqualTo("claude-sonnet-4-5");
        RecordedRequest sent = sent();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).contains("sk-ant-upstream-key");
        assertThat(sent.body().path("system").asText()).isEqualTo("Answer in French.");
        assertThat(sent.body().path("max_tokens").asInt()).isEqualTo(50);
    }

    @Test
    void a_streamed_completion_has_chunks_tool_calls_and_usage() {
        // given
        ToolCall call = ToolCall.of("get_weather", "{\"city\":\"Paris\"}");
        server.upstream()
                .enqueue(Reply.text("Let me check.").withToolCalls(call).usage(20, 9));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(modelName)
                .addUserMessage("Weather in Paris?")
                .addTool(weatherTool())
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();

        // when
        List<ChatCompletionChunk> chunks = stream(params);

        // then
        Streamed streamed = collect(chunks);
        assertThat(streamed.text()).hasToString("Let me check.");
        assertThat(streamed.ids()).containsExactly(call.id());
        assertThat(streamed.arguments()).hasToString(call.arguments());
        assertThat(chunks.get(chunks.size() - 2).choices().getFirst().finishReason())
                .contains(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
        assertThat(chunks.getLast().usage().orElseThrow().promptTokens()).isEqualTo(20);
        assertThat(server.upstream()
                        .requests()
                        .getFirst()
                        .body()
                        .at("/tools/0/name")
                        .asText())
                .isEqualTo("get_weather");
    }

    @Test
    void tool_results_go_back_as_tool_result_blocks() {
        // given
        server.upstream().enqueue(Reply.text("Sunny."));
        ChatCompletionMessageToolCall call =
                ChatCompletionMessageToolCall.ofFunction(ChatCompletionMessageFunctionToolCall.builder()
                        .id("toolu_1")
                        .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                                .name("get_weather")
                                .arguments("{\"city\":\"Paris\"}")
                                .build())
                        .build());
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(modelName)
                .addUserMessage("Weather in Paris?")
                .addMessage(ChatCompletionAssistantMessageParam.builder()
                        .addToolCall(call)
                        .build())
                .addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId("toolu_1")
                        .content("18C")
                        .build())
                .addTool(weatherTool())
                .build();

        // when
        ChatCompletion completion = server.client().chat().completions().create(params);

        // then
        assertThat(completion.choices().getFirst().message().content()).contains("Sunny.");
        assertThat(server.upstream().requests().getFirst().body().at("/messages/2/content/0"))
                .hasToString("{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"18C\"}");
    }

    @Test
    void an_upstream_refusal_is_an_openai_error_with_its_status() {
        // given
        server.upstream().enqueue(Reply.error(400, "messages: something is wrong"));

        // when
        BadRequestException error = refusal(BadRequestException.class);

        // then
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.getMessage()).contains("messages: something is wrong");
        assertThat(error.type()).contains("invalid_request_error");
    }

    private static ChatCompletionFunctionTool weatherTool() {
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("get_weather")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .build())
                        .build())
                .build();
    }
}
