package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.testkit.FakeUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/models}: the upstream's own list without a config, the config's names with one. */
class ModelsRoutesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void without_a_config_the_upstreams_models_are_listed_and_retrieved() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start().models("gpt-4o", "o3-mini");
                AssistantsServer server = TestServer.start(
                        dir,
                        ConfigLoader.defaults(
                                Map.of("OPENAI_BASE_URL", upstream.baseUrl(), "OPENAI_API_KEY", "sk-up")))) {
            JsonNode list = get(server, "/models", 200);
            assertThat(list.path("data").findValuesAsText("id")).containsExactly("gpt-4o", "o3-mini");
            assertThat(get(server, "/models/o3-mini", 200).path("object").asText())
                    .isEqualTo("model");
            JsonNode missing = get(server, "/models/gpt-9", 404);
            assertThat(missing.path("error").path("code").asText()).isEqualTo("model_not_found");
            assertThat(upstream.requests().getLast().header("authorization")).contains("Bearer sk-up");
        }
    }

    @Test
    void an_upstream_that_cannot_be_reached_is_a_502_in_openai_shape() throws Exception {
        int closedPort;
        try (FakeUpstream gone = FakeUpstream.start()) {
            closedPort = gone.port();
        }
        try (AssistantsServer server = TestServer.start(
                dir, ConfigLoader.defaults(Map.of("OPENAI_BASE_URL", "http://127.0.0.1:" + closedPort + "/v1")))) {
            JsonNode error = get(server, "/models", 502).path("error");
            assertThat(error.path("type").asText()).isEqualTo("server_error");
            assertThat(error.path("message").asText()).contains("model provider");
        }
    }

    @Test
    void with_a_config_its_names_are_listed_and_a_wildcard_name_is_retrieved() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), """
                model_list:
                  - model_name: gpt-4o
                    litellm_params: {model: openai/gpt-4o}
                  - model_name: "azure/*"
                    litellm_params: {model: "azure/*", api_base: "https://r.openai.azure.com", api_key: k}
                """);
        try (AssistantsServer server = TestServer.start(dir.resolve("data"), ConfigLoader.load(file, Map.of()))) {
            assertThat(get(server, "/models", 200).path("data").findValuesAsText("id"))
                    .containsExactly("gpt-4o");
            JsonNode deployment = get(server, "/models/azure%2Fmy-deployment", 200);
            assertThat(deployment.path("id").asText()).isEqualTo("azure/my-deployment");
            assertThat(deployment.path("owned_by").asText()).isEqualTo("azure");
            assertThat(get(server, "/models/gpt-3.5-turbo", 404)
                            .path("error")
                            .path("type")
                            .asText())
                    .isEqualTo("invalid_request_error");
        }
    }

    private static JsonNode get(AssistantsServer server, String path, int status)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return HttpTestClient.parse(response.body());
    }
}
