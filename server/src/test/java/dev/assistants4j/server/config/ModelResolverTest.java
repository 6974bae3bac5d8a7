package dev.assistants4j.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which route a requested model name takes and the name its upstream is sent ({@link ModelResolver}). */
class ModelResolverTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1} as {2}")
    @CsvSource({
        // exact model_name, then the entry whose litellm_params.model is the name
        "gpt-4o,                 gpt-4o,        gpt-4o",
        "openai/gpt-4o,          gpt-4o,        gpt-4o",
        "company-gpt,            company-gpt,   my-deployment",
        "azure/my-deployment,    company-gpt,   my-deployment",
        // the most specific wildcard first; the route's own prefix is stripped
        "azure/other-deployment, azure/*,       other-deployment",
        "claude-3-5-haiku,       claude-*,      claude-3-5-haiku-20241022",
        "openai/o3-mini,         *,             o3-mini",
        "llama3,                 *,             llama3",
        "meta-llama/Llama-3-8b,  *,             meta-llama/Llama-3-8b",
    })
    void names_resolve_through_model_list(String requested, String modelName, String upstream) throws IOException {
        ServerConfig config = load("""
                model_list:
                  - model_name: "*"
                    litellm_params: {model: "openai/*", api_base: "http://vllm:8000/v1"}
                  - model_name: gpt-4o
                    litellm_params: {model: openai/gpt-4o}
                  - model_name: company-gpt
                    litellm_params: {model: azure/my-deployment, api_base: "https://r.openai.azure.com", api_key: k}
                  - model_name: "azure/*"
                    litellm_params: {model: "azure/*", api_base: "https://r.openai.azure.com", api_key: k}
                  - model_name: "claude-*"
                    litellm_params: {model: "openai/claude-*-20241022"}
                """);

        ResolvedModel resolved = config.resolve(requested).orElseThrow();

        assertThat(resolved.route().modelName()).isEqualTo(modelName);
        assertThat(resolved.upstreamModel()).isEqualTo(upstream);
    }

    @Test
    void a_catch_all_does_not_take_a_name_of_another_provider() throws IOException {
        ServerConfig config = load("""
                model_list:
                  - model_name: "*"
                    litellm_params: {model: "openai/*"}
                """);

        assertThat(config.resolve("azure/my-deployment")).isEmpty();
        assertThat(config.resolve("openai/gpt-4o").orElseThrow().upstreamModel())
                .isEqualTo("gpt-4o");
    }

    @Test
    void without_a_config_openai_prefix_is_stripped_and_other_names_pass_unchanged() {
        ServerConfig config = ConfigLoader.defaults(Map.of("OPENAI_BASE_URL", "https://openrouter.ai/api/v1"));

        assertThat(config.resolve("openai/gpt-4o").orElseThrow().upstreamModel())
                .isEqualTo("gpt-4o");
        assertThat(config.resolve("gpt-4o").orElseThrow().upstreamModel()).isEqualTo("gpt-4o");
        assertThat(config.resolve("anthropic/claude-3.5-sonnet").orElseThrow().upstreamModel())
                .isEqualTo("anthropic/claude-3.5-sonnet");
    }

    @Test
    void litellm_azure_assistant_settings_make_every_other_name_a_deployment() throws IOException {
        ServerConfig config = ConfigLoader.load(
                seed("azure-assistant-settings.yaml"),
                Map.of(
                        "AZURE_API_KEY", "azure-key-1",
                        "AZURE_API_BASE", "https://my-resource.openai.azure.com/",
                        "AZURE_API_VERSION", "2024-05-01-preview"));

        ResolvedModel resolved = config.resolve("my-azure-deployment-name").orElseThrow();

        assertThat(resolved.upstreamModel()).isEqualTo("my-azure-deployment-name");
        assertThat(resolved.route().provider()).isEqualTo("azure");
        assertThat(resolved.route().apiBase()).contains("https://my-resource.openai.azure.com");
        assertThat(resolved.route().apiKey()).contains("azure-key-1");
        assertThat(resolved.route().apiVersion()).contains("2024-05-01-preview");
        assertThat(config.resolve("azure/other").orElseThrow().upstreamModel()).isEqualTo("other");
        assertThat(config.resolve("openai/gpt-4o")).isEmpty();
        assertThat(config.fallback()).isEmpty();
    }

    @Test
    void litellm_openai_compatible_assistant_settings_strip_the_prefix() throws IOException {
        ServerConfig config = ConfigLoader.load(
                seed("openai-compatible-assistant-settings.yaml"),
                Map.of("ASTRA_API_KEY", "astra-key", "ASTRA_API_BASE", "http://astra.local:9000/v1"));

        ResolvedModel resolved = config.resolve("openai/my-astra-model-name").orElseThrow();

        assertThat(resolved.upstreamModel()).isEqualTo("my-astra-model-name");
        assertThat(resolved.route().provider()).isEqualTo("openai");
        assertThat(resolved.route().apiBase()).contains("http://astra.local:9000/v1");
        assertThat(resolved.route().apiKey()).contains("astra-key");
    }

    @Test
    void model_list_entries_come_before_the_assistant_settings_provider() throws IOException {
        ServerConfig config = load("""
                model_list:
                  - model_name: gpt-4o
                    litellm_params: {model: openai/gpt-4o, api_key: sk-openai}
                assistant_settings:
                  custom_llm_provider: azure
                  litellm_params: {api_base: "https://r.openai.azure.com", api_key: k}
                """);

        assertThat(config.resolve("gpt-4o").orElseThrow().route().provider()).isEqualTo("openai");
        assertThat(config.resolve("anything-else").orElseThrow().route().provider())
                .isEqualTo("azure");
    }

    @Test
    void assistant_settings_provider_reads_litellm_environment_variables() throws IOException {
        assertThatThrownBy(() -> load("assistant_settings:\n  custom_llm_provider: azure\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("assistant_settings.litellm_params.api_base")
                .hasMessageContaining("AZURE_API_BASE");
        ServerConfig withEnv = ConfigLoader.load(
                write("assistant_settings:\n  custom_llm_provider: azure\n"),
                Map.of("AZURE_API_BASE", "https://env.openai.azure.com", "AZURE_API_KEY", "env-key"));
        ModelRoute route = withEnv.resolve("dep").orElseThrow().route();
        assertThat(route.apiBase()).contains("https://env.openai.azure.com");
        assertThat(route.apiKey()).contains("env-key");
        assertThat(route.apiVersion()).isEqualTo(Optional.empty());
    }

    @Test
    void assistant_settings_name_a_wrong_provider_or_key() {
        assertThatThrownBy(() -> load("assistant_settings:\n  custom_llm_provider: azur\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("assistant_settings.custom_llm_provider")
                .hasMessageContaining("azur");
        assertThatThrownBy(() -> load("assistant_settings:\n  custom_llm_providr: azure\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("assistant_settings.custom_llm_providr");
        assertThatThrownBy(() -> load("assistant_settings:\n  litellm_params: [a]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("assistant_settings.litellm_params");
    }

    private ServerConfig load(String yaml) throws IOException {
        return ConfigLoader.load(write(yaml), Map.of());
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "config", ".yaml");
        return Files.writeString(file, yaml);
    }

    static Path seed(String name) {
        try {
            return Path.of(
                    ModelResolverTest.class.getResource("/litellm/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
