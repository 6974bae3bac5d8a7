package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /v1/chat/completions} for a route to a native adapter (Anthropic, Gemini) on the fake speaking its API,
 * driven by the official openai-java client. A subclass names the route; this holds what the tests of each ask.
 */
abstract class NativeChatCompletions {

    /** The text, the tool call ids and the tool call arguments of a streamed completion. */
    record Streamed(String text, List<String> ids, String arguments) {}

    /** The route's model name. */
    final String modelName;

    @RegisterExtension
    final ServerExtension server;

    /**
     * A server whose config routes {@code modelName} to {@code model} at the fake (with {@code apiKey}, if any) and
     * reads {@code env}.
     */
    NativeChatCompletions(String modelName, String model, Optional<String> apiKey, Map<String, String> env) {
        this.modelName = modelName;
        this.server = ServerExtension.withFakeUpstream((upstream, dir) -> {
                    String yaml = """
                            model_list:
                              - model_name: %s
                                litellm_params:
                                  model: %s
                                  api_base: %s
                            %sgeneral_settings:
                              master_key: %s
                            """.formatted(
                            modelName,
                            model,
                            upstream.endpoint(),
                            apiKey.map(key -> "      api_key: " + key + "\n").orElse(""),
                            TestServer.MASTER_KEY);
                    return ConfigLoader.load(Files.writeString(dir.resolve("config.yaml"), yaml), env);
                })
                .apiKey(TestServer.MASTER_KEY);
    }

    /**
     * Asks, with a system message and a token limit, for an answer the upstream gives as {@code Bonjour !}, and checks
     * its text, finish reason and usage.
     */
    ChatCompletion completeInFrench() {
        // given
        server.upstream().enqueue(Reply.text("Bonjour", " !").usage(12, 3));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(modelName)
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
        return completion;
    }

    /** The first request the upstream received. */
    RecordedRequest sent() {
        return server.upstream().requests().getFirst();
    }

    /** Every chunk of the streamed completion of {@code params}. */
    List<ChatCompletionChunk> stream(ChatCompletionCreateParams params) {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream =
                server.client().chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunks.add(chunk.validate()));
        }
        return chunks;
    }

    /** The text and tool calls of the chunks, put together. */
    static Streamed collect(List<ChatCompletionChunk> chunks) {
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
        return new Streamed(text.toString(), ids, arguments.toString());
    }

    /** The error the client throws for a plain {@code Hi}. */
    <T extends Throwable> T refusal(Class<T> type) {
        return catchThrowableOfType(type, () -> server.client()
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(modelName)
                        .addUserMessage("Hi")
                        .build()));
    }
}
