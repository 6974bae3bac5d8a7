package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/chat/completions} for a {@code gemini/…} route: translated to Gemini's streamGenerateContent by the
 * native adapter and answered in OpenAI's shape, driven by the official openai-java client.
 */
class ChatCompletionsGeminiTest extends NativeChatCompletions {

    ChatCompletionsGeminiTest() {
        super("flash", "gemini/gemini-2.5-flash", Optional.empty(), Map.of("GEMINI_API_KEY", "AIza-env"));
    }

    @Test
    void a_completion_is_translated_to_a_generate_content_request_and_back() {
        // when
        ChatCompletion completion = completeInFrench();

        // then
        RecordedRequest sent = sent();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(sent.header("x-goog-api-key")).contains("AIza-env");
        assertThat(sent.body().at("/systemInstruction/parts/0/text").asText()).isEqualTo("Answer in French.");
        assertThat(sent.body().at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(50);
    }

    @Test
    void a_streamed_completion_has_chunks_and_a_tool_call_with_a_fresh_id() {
        // given
        ToolCall call = ToolCall.of("get_weather", "{\"city\":\"Paris\"}");
        server.upstream().enqueue(Reply.text("Let me check.").withToolCalls(call));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(modelName)
                .addUserMessage("Weather in Paris?")
                .build();

        // when
        List<ChatCompletionChunk> chunks = stream(params);

        // then
        Streamed streamed = collect(chunks);
        assertThat(streamed.text()).hasToString("Let me check.");
        assertThat(streamed.ids()).singleElement().asString().startsWith("call_");
        assertThat(streamed.arguments()).hasToString(call.arguments());
        assertThat(chunks.getLast().choices().getFirst().finishReason())
                .contains(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void a_quota_error_is_an_openai_error_with_its_status() {
        // given
        for (int attempt = 0; attempt < 3; attempt++) {
            server.upstream().enqueue(Reply.error(429, "Resource has been exhausted (e.g. check quota)."));
        }

        // when
        RateLimitException error = refusal(RateLimitException.class);

        // then
        assertThat(error.statusCode()).isEqualTo(429);
        assertThat(error.getMessage()).contains("Resource has been exhausted");
    }
}
