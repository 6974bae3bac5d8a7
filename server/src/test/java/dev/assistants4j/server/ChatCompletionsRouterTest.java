package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relays of /v1/chat/completions and /v1/embeddings on a model with two deployments and a fallback. */
class ChatCompletionsRouterTest {

    private final FakeUpstream a = FakeUpstream.start();
    private final FakeUpstream b = FakeUpstream.start();
    private final FakeUpstream c = FakeUpstream.start();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        a.close();
        b.close();
        c.close();
    }

    @Test
    void a_failing_deployment_is_retried_on_the_other_before_anything_is_relayed() throws IOException {
        a.defaultReply(Reply.error(500, "The server had an error."));
        b.defaultReply(Reply.text("From ", "B."));
        try (AssistantsServer server = YamlServers.start(dir, "relay", config(1, 0, ""))) {
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
        try (AssistantsServer server = YamlServers.start(dir, "fallback", config(1, 1, ""))) {
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
        try (AssistantsServer server = YamlServers.start(dir, "embed", config(1, 0, ""))) {
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

    /** gpt-4o on A (weight {@code wa}) and B (weight {@code wb}), falling back to backup on C. */
    private String config(int wa, int wb, String extra) {
        return "model_list:\n" + deployment("gpt-4o", a, wa) + deployment("gpt-4o", b, wb) + deployment("backup", c, 1)
                + "router_settings:\n  fallbacks: [{gpt-4o: [backup]}]\n" + extra;
    }

    private static String deployment(String name, FakeUpstream upstream, int weight) {
        return "  - model_name: " + name + "\n    litellm_params: {model: openai/" + name + ", api_base: \""
                + upstream.baseUrl() + "\", api_key: sk-test, weight: " + weight + "}\n";
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
