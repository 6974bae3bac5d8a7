package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code mock/…} routes answer chat completions offline, in the wire shapes the openai-java client reads. */
class ChatCompletionsMockTest {

    @RegisterExtension
    final ServerExtension server = ServerExtension.withConfig((upstream, dir) -> new ServerConfig(
                    List.of(
                            mockRoute("mock-echo", Optional.empty()),
                            mockRoute("mock-fixed", Optional.of("A fixed mock answer."))),
                    Optional.empty(),
                    Optional.empty()))
            .apiKey("sk-anything");

    @Test
    void mock_route_echoes_the_last_user_message() {
        // when
        ChatCompletion completion = server.client()
                .chat()
                .completions()
                .create(ask("mock-echo", "Ping?"))
                .validate();

        // then
        assertThat(completion.choices().getFirst().message().content()).contains("This is a mock response to: Ping?");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.id()).startsWith("chatcmpl-");
        assertThat(completion.model()).isEqualTo("gpt-mock");
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    }

    @Test
    void mock_route_streams_its_fixed_response_word_by_word_with_usage() {
        // given
        ChatCompletionCreateParams params = ask("mock-fixed", "Anything").toBuilder()
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();

        // when
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream =
                server.client().chat().completions().createStreaming(params)) {
            chunks = stream.stream().map(ChatCompletionChunk::validate).toList();
        }

        // then
        assertThat(text(chunks)).isEqualTo("A fixed mock answer.");
        assertThat(chunks).hasSizeGreaterThan(4);
        assertThat(chunks.getLast().choices()).isEmpty();
        assertThat(chunks.getLast().usage()).isPresent();
        assertThat(chunks.stream().map(ChatCompletionChunk::id).distinct()).hasSize(1);
    }

    @Test
    void mock_route_refuses_a_request_without_messages() {
        // given
        HttpTestClient http = server.http();

        // when
        Reply reply = http.post("/v1/chat/completions", json("{'model':'mock-echo'}"));

        // then
        JsonNode error = assertError(reply, 400, "messages");
        assertThat(error.get("code").asText()).isEqualTo("missing_required_parameter");
    }

    private static ModelRoute mockRoute(String name, Optional<String> response) {
        return new ModelRoute(
                name, "mock", "gpt-mock", Optional.empty(), Optional.empty(), Optional.empty(), response, true);
    }

    private static ChatCompletionCreateParams ask(String model, String question) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage(question)
                .build();
    }

    private static String text(List<ChatCompletionChunk> chunks) {
        return chunks.stream()
                .flatMap(chunk -> chunk.choices().stream())
                .map(choice -> choice.delta().content().orElse(""))
                .collect(Collectors.joining());
    }
}
