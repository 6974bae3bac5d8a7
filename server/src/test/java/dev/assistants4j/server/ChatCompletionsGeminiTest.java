package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /v1/chat/completions} for a {@code gemini/…} route: translated to Gemini's streamGenerateContent by the
 * native adapter and answered in OpenAI's shape, driven by the official openai-java client.
 */
class ChatCompletionsGeminiTest {

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream(
                    (upstream, dir) -> ConfigLoader.load(config(upstream, dir), Map.of("GEMINI_API_KEY", "AIza-env")))
            .apiKey(TestServer.MASTER_KEY);

    private static Path config(FakeUpstream upstream, Path dir) throws IOException {
        String yaml = """
                model_list:
                  - model_name: flash
                    litellm_params:
                      model: gemini/gemini-2.5-flash
                      api_base: %s
                general_settings:
                  master_key: %s
                """.formatted(upstream.endpoint(), TestServer.MASTER_KEY);
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }

    @Test
    void a_completion_is_translated_to_a_generate_content_request_and_back() {
        // given
        server.upstream().enqueue(Reply.text("Bonjour", " !").usage(12, 3));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("flash")
                .addSystemMessage("Answer in French.")
                .addUserMessage("Hello")
                .maxCompletionTokens(50)
                .build();

        // when
        ChatCompletion completion =
                server.client().chat().completions().create(params).validate();

        // then
        assertThat(completion.choices().getFirst().message().content()).contains("Bonjour !");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(15);
        RecordedRequest sent = server.upstream().requests().getFirst();
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
                .model("flash")
                .addUserMessage("Weather in Paris?")
                .build();
        List<ChatCompletionChunk> chunks = new ArrayList<>();

        // when
        try (StreamResponse<ChatCompletionChunk> stream =
                server.client().chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunks.add(chunk.validate()));
        }

        // then
        StringBuilder text = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        List<String> ids = new ArrayList<>();
        chunks.stream().flatMap(chunk -> chunk.choices().stream()).forEach(choice -> {
            choice.delta().content().ifPresent(text::append);
            choice.delta().toolCalls().orElse(List.of()).forEach(delta -> {
                delta.id().ifPresent(ids::add);
                delta.function().flatMap(f -> f.arguments()).ifPresent(arguments::append);
            });
        });
        assertThat(text).hasToString("Let me check.");
        assertThat(ids).singleElement().asString().startsWith("call_");
        assertThat(arguments).hasToString(call.arguments());
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
        RateLimitException error = catchThrowableOfType(RateLimitException.class, () -> server.client()
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("flash")
                        .addUserMessage("Hi")
                        .build()));

        // then
        assertThat(error.statusCode()).isEqualTo(429);
        assertThat(error.getMessage()).contains("Resource has been exhausted");
    }
}
