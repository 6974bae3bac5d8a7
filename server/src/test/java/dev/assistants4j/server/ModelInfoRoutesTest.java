package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LiteLLM's {@code /model/info} and the provider in {@code /v1/models}' {@code owned_by}; never an API key. */
class ModelInfoRoutesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ENV_KEY = "gsk-env-secret-7";
    private static final String CONFIG_KEY = "sk-config-secret-9";

    @TempDir
    Path dir;

    @Test
    void model_info_lists_each_deployment_as_litellm_does_without_its_key() throws Exception {
        try (AssistantsServer server = start()) {
            for (String path : new String[] {"/model/info", "/v1/model/info"}) {
                String body = get(server, path);
                assertThat(body)
                        .doesNotContain(ENV_KEY)
                        .doesNotContain(CONFIG_KEY)
                        .doesNotContain("pw-secret")
                        .doesNotContain("q-secret")
                        .doesNotContain("api_key");
                JsonNode data = HttpTestClient.parse(body).path("data");
                assertThat(data.findValuesAsText("model_name")).containsExactly("fast-llama", "gpt-4o");

                JsonNode groq = data.path(0);
                assertThat(groq.path("litellm_params").path("model").asText())
                        .isEqualTo("groq/llama-3.3-70b-versatile");
                assertThat(groq.path("model_info").path("litellm_provider").asText())
                        .isEqualTo("groq");
                assertThat(groq.path("model_info").path("mode").asText()).isEqualTo("chat");
                assertThat(groq.path("model_info").path("id").asText()).matches("[0-9a-f]{64}");

                JsonNode gpt = data.path(1);
                assertThat(gpt.path("litellm_params").path("api_base").asText()).isEqualTo("https://proxy.test/v1");
                assertThat(gpt.path("model_info").path("input_cost_per_token").asDouble())
                        .isEqualTo(0.000002);
                assertThat(gpt.path("model_info").path("output_cost_per_token").asDouble())
                        .isEqualTo(0.000008);
                assertThat(gpt.path("model_info").path("supports_vision").asBoolean())
                        .isFalse();
                assertThat(gpt.path("model_info").path("id").asText())
                        .isNotEqualTo(groq.path("model_info").path("id").asText());
            }
        }
    }

    @Test
    void models_name_each_models_provider_in_owned_by() throws Exception {
        try (AssistantsServer server = start()) {
            JsonNode data = HttpTestClient.parse(get(server, "/v1/models")).path("data");

            assertThat(data.findValuesAsText("id")).containsExactly("fast-llama", "gpt-4o");
            assertThat(data.findValuesAsText("owned_by")).containsExactly("groq", "openai");
            assertThat(data.findValuesAsText("object")).containsOnly("model");
        }
    }

    private AssistantsServer start() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), """
                model_list:
                  - model_name: fast-llama
                    litellm_params: {model: groq/llama-3.3-70b-versatile}
                  - model_name: gpt-4o
                    litellm_params:
                      model: openai/gpt-4o
                      api_key: %s
                      api_base: "https://user:pw-secret@proxy.test/v1?token=q-secret"
                    model_info: {input_cost_per_token: 0.000002, output_cost_per_token: 0.000008, supports_vision: false}
                """.formatted(CONFIG_KEY));
        return TestServer.start(dir.resolve("data"), ConfigLoader.load(file, Map.of("GROQ_API_KEY", ENV_KEY)));
    }

    private static String get(AssistantsServer server, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
