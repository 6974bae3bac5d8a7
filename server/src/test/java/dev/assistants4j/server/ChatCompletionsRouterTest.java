package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.assistants4j.testkit.Reply;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The relays of /v1/chat/completions and /v1/embeddings on a model with two deployments and a fallback. */
class ChatCompletionsRouterTest extends ThreeUpstreams {

    @Test
    void a_failing_deployment_is_retried_on_the_other_before_anything_is_relayed() throws IOException {
        a.defaultReply(Reply.error(500, "The server had an error."));
        b.defaultReply(Reply.text("From ", "B."));
        try (AssistantsServer server = YamlServers.start(dir, "relay", fallbackConfig(1, 0, ""))) {
            ChatCompletion completion = client(server).chat().completions().create(ask("gpt-4o"));

            assertThat(completion.choices().getFirst().message().content()).contains("From B.");
            assertThat(a.requestCount()).isEqualTo(1);
            assertThat(b.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void the_fallback_answers_when_every_deployment_fails() throws IOException {
        a.defaultReply(Reply.error(503, "Overloaded."));
        b.defaultReply(Reply.error(429, "Rate limit reached."));
        c.defaultReply(Reply.text("From C."));
        try (AssistantsServer server = YamlServers.start(dir, "fallback", fallbackConfig(1, 1, ""))) {
            ChatCompletion completion = client(server).chat().completions().create(ask("gpt-4o"));

            assertThat(completion.choices().getFirst().message().content()).contains("From C.");
            assertThat(c.takeRequest(java.time.Duration.ofSeconds(5))
                            .orElseThrow()
                            .body()
                            .get("model")
                            .asText())
                    .isEqualTo("backup");
        }
    }

    @Test
    void an_embedding_goes_to_the_other_deployment_when_one_cannot_be_reached() throws IOException {
        try (AssistantsServer server = YamlServers.start(dir, "embed", fallbackConfig(1, 0, ""))) {
            a.close(); // connection refused from now on

            var embeddings = client(server)
                    .embeddings()
                    .create(EmbeddingCreateParams.builder()
                            .model("gpt-4o")
                            .input("hello")
                            .build());

            assertThat(embeddings.data()).hasSize(1);
            assertThat(b.requestCount()).isEqualTo(1);
        }
    }

    private static OpenAIClient client(AssistantsServer server) {
        return TestServer.client(server, "sk-anything");
    }

    private static ChatCompletionCreateParams ask(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("Hi")
                .build();
    }
}
