package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.OneUpstream;
import dev.assistants4j.server.TestServer;
import dev.assistants4j.server.TestServer.Setup;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A LiteLLM provider prefix without {@code api_base} or {@code api_key} takes them from the provider's variables
 * ({@code GROQ_API_BASE}, {@code GROQ_API_KEY}): a run and a chat completion reach the upstream with the key as a
 * bearer token and the model name without its prefix.
 */
class ProviderPrefixesTest extends OneUpstream {

    private static final String GROQ_KEY = "gsk-groq-secret-1";

    @Test
    void a_groq_route_runs_an_assistant_and_answers_a_chat_completion_through_its_variables() throws Exception {
        upstream.enqueue(Reply.text("x = 1"), Reply.text("hello"));
        try (AssistantsServer server = TestServer.start(Setup.of(dir, config()).withEngine(EngineTestSupport.FAST))) {
            RunHttp http = new RunHttp(server);
            String assistant = RunHttp.ok(http.post("/assistants", "{'model':'fast-llama','name':'a'}"))
                    .path("id")
                    .asText();
            String thread = http.createThread("Solve 3x + 11 = 14");
            JsonNode run = http.startRun(thread, assistant);
            JsonNode done = http.awaitTerminal(thread, run.path("id").asText());
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
            assertSentToGroq(upstream.takeRequest(Duration.ofSeconds(5)).orElseThrow());

            JsonNode completion = RunHttp.ok(http.post(
                    "/chat/completions", "{'model':'fast-llama','messages':[{'role':'user','content':'hi'}]}"));
            assertThat(completion
                            .path("choices")
                            .path(0)
                            .path("message")
                            .path("content")
                            .asText())
                    .isEqualTo("hello");
            assertSentToGroq(upstream.takeRequest(Duration.ofSeconds(5)).orElseThrow());
        }
    }

    private static void assertSentToGroq(RecordedRequest sent) {
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).contains("Bearer " + GROQ_KEY);
        assertThat(sent.body().path("model").asText()).isEqualTo("llama-3.3-70b-versatile");
    }

    private ServerConfig config() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), """
                model_list:
                  - model_name: fast-llama
                    litellm_params:
                      model: groq/llama-3.3-70b-versatile
                """);
        return ConfigLoader.load(file, Map.of("GROQ_API_BASE", upstream.baseUrl(), "GROQ_API_KEY", GROQ_KEY));
    }
}
