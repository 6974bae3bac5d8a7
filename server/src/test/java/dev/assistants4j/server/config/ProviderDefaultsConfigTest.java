package dev.assistants4j.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.server.routing.UpstreamEndpoints;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** LiteLLM's defaults of the OpenAI-compatible provider prefixes: base URL, its variable, and the key variable. */
class ProviderDefaultsConfigTest {

    /** Prefix, the base URL requests go to without api_base, the base variable, the key variable. */
    record Row(String prefix, String base, String baseVariable, String keyVariable) {}

    static final List<Row> ROWS = List.of(
            new Row("openai", "https://api.openai.com/v1", "OPENAI_BASE_URL", "OPENAI_API_KEY"),
            new Row("ollama", "http://localhost:11434/v1", "OLLAMA_API_BASE", "OLLAMA_API_KEY"),
            new Row("ollama_chat", "http://localhost:11434/v1", "OLLAMA_API_BASE", "OLLAMA_API_KEY"),
            new Row("groq", "https://api.groq.com/openai/v1", "GROQ_API_BASE", "GROQ_API_KEY"),
            new Row("mistral", "https://api.mistral.ai/v1", "MISTRAL_API_BASE", "MISTRAL_API_KEY"),
            new Row("deepseek", "https://api.deepseek.com/beta", "DEEPSEEK_API_BASE", "DEEPSEEK_API_KEY"),
            new Row("together_ai", "https://api.together.xyz/v1", "TOGETHER_AI_API_BASE", "TOGETHERAI_API_KEY"),
            new Row("openrouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_BASE", "OPENROUTER_API_KEY"),
            new Row(
                    "fireworks_ai",
                    "https://api.fireworks.ai/inference/v1",
                    "FIREWORKS_API_BASE",
                    "FIREWORKS_AI_API_KEY"),
            new Row("xai", "https://api.x.ai/v1", "XAI_API_BASE", "XAI_API_KEY"),
            new Row("lm_studio", "http://localhost:1234/v1", "LM_STUDIO_API_BASE", "LM_STUDIO_API_KEY"));

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("ROWS")
    void without_api_base_and_api_key_a_prefix_takes_litellms_defaults(Row row) throws IOException {
        ModelRoute route = route(entry(row.prefix(), ""), Map.of(row.keyVariable(), "sk-" + row.prefix()));

        assertThat(UpstreamEndpoints.baseUrl(route)).isEqualTo(URI.create(row.base()));
        assertThat(route.apiKey()).contains("sk-" + row.prefix());
        assertThat(UpstreamEndpoints.authHeaders(route)).containsEntry("Authorization", "Bearer sk-" + row.prefix());
    }

    @ParameterizedTest
    @FieldSource("ROWS")
    void the_base_variable_overrides_the_default(Row row) throws IOException {
        ModelRoute route = route(entry(row.prefix(), ""), Map.of(row.baseVariable(), "http://upstream.test:9/v1/"));

        assertThat(route.apiBase()).contains("http://upstream.test:9/v1");
        assertThat(route.apiKey()).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("ROWS")
    void api_base_and_api_key_in_the_config_override_the_variables(Row row) throws IOException {
        ModelRoute route = route(
                entry(row.prefix(), ", api_base: \"http://own.test:1/v1\", api_key: sk-own"),
                Map.of(row.baseVariable(), "http://env.test:2/v1", row.keyVariable(), "sk-env"));

        assertThat(route.apiBase()).contains("http://own.test:1/v1");
        assertThat(route.apiKey()).contains("sk-own");
    }

    @Test
    void hosted_vllm_takes_its_base_variable_and_without_one_needs_api_base() throws IOException {
        ModelRoute route = route(
                entry("hosted_vllm", ""),
                Map.of("HOSTED_VLLM_API_BASE", "http://vllm.test:8000", "HOSTED_VLLM_API_KEY", "sk-vllm"));

        assertThat(UpstreamEndpoints.baseUrl(route)).isEqualTo(URI.create("http://vllm.test:8000/v1"));
        assertThat(route.apiKey()).contains("sk-vllm");
        assertThatThrownBy(() -> route(entry("hosted_vllm", ""), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("model_list[0].litellm_params.api_base")
                .hasMessageContaining("HOSTED_VLLM_API_BASE");
    }

    @Test
    void alternative_key_variables_count_in_litellms_order() throws IOException {
        ModelRoute together = route(
                entry("together_ai", ""), Map.of("TOGETHERAI_API_KEY", "sk-third", "TOGETHER_API_KEY", "sk-first"));
        ModelRoute mistral = route(
                entry("mistral", ""), Map.of("MISTRAL_API_KEY", "sk-m", "MISTRAL_AZURE_API_BASE", "https://m.test"));
        ModelRoute azure = route(entry("azure", ""), Map.of("AZURE_API_BASE", "https://r.test", "AZURE_API_KEY", "k"));

        assertThat(together.apiKey()).contains("sk-first");
        assertThat(mistral.apiKey()).contains("sk-m");
        assertThat(mistral.apiBase()).contains("https://m.test");
        assertThat(azure.apiBase()).contains("https://r.test");
        assertThat(UpstreamEndpoints.authHeaders(azure)).containsEntry("api-key", "k");
    }

    @Test
    void a_base_variable_that_is_no_url_is_an_error_naming_the_variable_not_its_value() throws IOException {
        assertThatThrownBy(() -> route(entry("groq", ""), Map.of("GROQ_API_BASE", "api.groq.com-secret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GROQ_API_BASE")
                .hasMessageNotContaining("api.groq.com-secret");
    }

    @Test
    void assistant_settings_provider_takes_the_same_variables() throws IOException {
        Path file = Files.writeString(
                Files.createTempFile(dir, "config", ".yaml"),
                "assistant_settings:\n  custom_llm_provider: together_ai\n");

        ModelRoute route = ConfigLoader.load(
                        file, Map.of("TOGETHER_AI_API_BASE", "http://together.test:3/v1", "TOGETHERAI_API_KEY", "sk-t"))
                .route("any-model")
                .orElseThrow();

        assertThat(route.provider()).isEqualTo("together_ai");
        assertThat(route.apiBase()).contains("http://together.test:3/v1");
        assertThat(route.apiKey()).contains("sk-t");
    }

    private String entry(String prefix, String extra) {
        return "model_list:\n  - model_name: m\n    litellm_params: {model: " + prefix + "/some-model" + extra + "}\n";
    }

    private ModelRoute route(String yaml, Map<String, String> env) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "config", ".yaml"), yaml);
        return ConfigLoader.load(file, env).route("m").orElseThrow();
    }
}
