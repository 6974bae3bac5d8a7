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
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's own proxy configs for assistants, loaded as its documents write them, run an assistant end to end against
 * a fake upstream: the upstream URL, deployment, api-version, key header and model name are what the provider expects.
 */
class LiteLlmSeedConfigsTest extends OneUpstream {

    /** The assistant of LiteLLM's curl examples, with the model left to each test. */
    private static final String MATH_TUTOR = """
            {"instructions": "You are a personal math tutor. When asked a question, write and run Python code to \
            answer the question.", "name": "Math Tutor", "tools": [{"type": "code_interpreter"}], "model": "%s"}""";

    @Test
    void azure_assistant_settings_run_the_assistant_on_its_deployment() throws Exception {
        RecordedRequest sent = runSeed(
                "azure-assistant-settings.yaml",
                Map.of(
                        "AZURE_API_KEY", "azure-secret-key-123",
                        "AZURE_API_BASE", upstream.endpoint() + "/",
                        "AZURE_API_VERSION", "2024-05-01-preview"),
                "my-azure-deployment-name");

        assertThat(sent.path()).isEqualTo("/openai/deployments/my-azure-deployment-name/chat/completions");
        assertThat(sent.queryParam("api-version")).contains("2024-05-01-preview");
        assertThat(sent.header("api-key")).contains("azure-secret-key-123");
        assertThat(sent.header("authorization")).isEmpty();
        assertThat(sent.body().path("model").asText()).isEqualTo("my-azure-deployment-name");
    }

    @Test
    void azure_assistant_settings_without_api_version_use_the_default_version() throws Exception {
        RecordedRequest sent = runSeed(
                "azure-assistant-settings-providers-page.yaml",
                Map.of("AZURE_API_KEY", "azure-secret-key-789", "AZURE_API_BASE", upstream.endpoint()),
                "my-azure-deployment-name");

        assertThat(sent.deployment()).contains("my-azure-deployment-name");
        assertThat(sent.queryParam("api-version")).contains("2024-10-21");
        assertThat(sent.header("api-key")).contains("azure-secret-key-789");
    }

    @Test
    void openai_compatible_assistant_settings_send_the_name_without_its_prefix() throws Exception {
        RecordedRequest sent = runSeed(
                "openai-compatible-assistant-settings.yaml",
                Map.of("ASTRA_API_KEY", "astra-secret-key-456", "ASTRA_API_BASE", upstream.baseUrl()),
                "openai/my-astra-model-name");

        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).contains("Bearer astra-secret-key-456");
        assertThat(sent.header("api-key")).isEmpty();
        assertThat(sent.body().path("model").asText()).isEqualTo("my-astra-model-name");
    }

    @Test
    void an_azure_wildcard_entry_passes_the_requested_name_as_the_deployment() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), """
                model_list:
                  - model_name: "azure/*"
                    litellm_params:
                      model: "azure/*"
                      api_base: %s
                      api_key: azure-wild-key
                """.formatted(upstream.endpoint()));

        RecordedRequest sent = runOnce(ConfigLoader.load(file, Map.of()), "azure/eastus-gpt4o");

        assertThat(sent.deployment()).contains("eastus-gpt4o");
        assertThat(sent.queryParam("api-version")).contains("2024-10-21");
        assertThat(sent.header("api-key")).contains("azure-wild-key");
    }

    @Test
    void without_a_config_a_run_model_with_the_openai_prefix_goes_upstream_without_it() throws Exception {
        ServerConfig config = ConfigLoader.defaults(Map.of("OPENAI_BASE_URL", upstream.baseUrl()));

        RecordedRequest sent = runOnce(config, "openai/gpt-4o-mini");

        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.body().path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    /** Creates LiteLLM's Math Tutor on {@code model}, runs it once and returns the chat request the upstream got. */
    private RecordedRequest runOnce(ServerConfig config, String model) throws InterruptedException {
        upstream.enqueue(Reply.text("x = 1"));
        try (AssistantsServer server = TestServer.start(Setup.of(dir, config).withEngine(EngineTestSupport.FAST))) {
            RunHttp http = new RunHttp(server);
            JsonNode assistant = RunHttp.ok(http.post("/assistants", MATH_TUTOR.formatted(model)));
            assertThat(assistant.path("model").asText()).isEqualTo(model);
            String thread = http.createThread("Solve 3x + 11 = 14");
            JsonNode run = http.startRun(thread, assistant.path("id").asText());
            JsonNode done = http.awaitTerminal(thread, run.path("id").asText());
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
            assertThat(done.path("model").asText()).isEqualTo(model);
            assertThat(http.messages(thread).stream()
                            .filter(message -> message.path("role").asText().equals("assistant"))
                            .map(RunHttp::text))
                    .containsExactly("x = 1");
        }
        return upstream.takeRequest(Duration.ofSeconds(5)).orElseThrow();
    }

    /** Runs LiteLLM's Math Tutor once on {@code model} with the seed config {@code name} and the {@code env}. */
    private RecordedRequest runSeed(String name, Map<String, String> env, String model) throws Exception {
        return runOnce(ConfigLoader.load(seed(name), env), model);
    }

    private static Path seed(String name) throws URISyntaxException, IOException {
        return Path.of(
                LiteLlmSeedConfigsTest.class.getResource("/litellm/" + name).toURI());
    }
}
