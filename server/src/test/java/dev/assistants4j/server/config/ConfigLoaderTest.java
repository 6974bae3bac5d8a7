package dev.assistants4j.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    private static final String FULL_EXAMPLE = """
            # A LiteLLM proxy config, unchanged.
            model_list:
              - model_name: gpt-4o
                litellm_params:
                  model: openai/gpt-4o
                  api_key: os.environ/OPENAI_API_KEY
                  rpm: 60
                  tpm: 100000
                  timeout: 30
                  max_retries: 2
                  extra_headers: {X-Team: research}
                model_info:
                  id: gpt-4o-primary
                  mode: chat
              - model_name: azure-gpt
                litellm_params:
                  model: azure/my-deployment
                  api_base: https://example.openai.azure.com/
                  api_key: os.environ/AZURE_API_KEY
                  api_version: 2024-10-21
                  temperature: 0.2
                  drop_params: true
              - model_name: llama3
                litellm_params:
                  model: ollama_chat/llama3:8b
                  api_base: http://localhost:11434
              - model_name: claude
                litellm_params:
                  model: openrouter/anthropic/claude-3.5-sonnet
                  input_cost_per_token: 0.000003
                  aws_region_name: us-east-1
            general_settings:
              master_key: os.environ/LITELLM_MASTER_KEY
              database_url: postgres://ignored
              alerting: [slack]
            litellm_settings:
              drop_params: true
              success_callback: [langfuse]
              cache: true
            router_settings:
              routing_strategy: simple-shuffle
              num_retries: 3
            environment_variables:
              AZURE_API_KEY: azure-from-file
            """;

    private static final List<String> ACCEPTED_PROVIDERS = ConfigLoader.PROVIDERS;

    @TempDir
    Path dir;

    private int files;

    @Test
    void full_litellm_example_loads_and_routes() throws IOException {
        ServerConfig config = ConfigLoader.load(
                write(FULL_EXAMPLE), Map.of("OPENAI_API_KEY", "sk-openai", "LITELLM_MASTER_KEY", "sk-master"));

        assertThat(config.models())
                .extracting(ModelRoute::modelName)
                .containsExactly("gpt-4o", "azure-gpt", "llama3", "claude");
        assertThat(config.masterKey()).contains("sk-master");
        assertThat(config.fallback()).isEmpty();
        assertThat(config.route("gpt-4o"))
                .contains(new ModelRoute(
                        "gpt-4o",
                        "openai",
                        "gpt-4o",
                        Optional.empty(),
                        Optional.of("sk-openai"),
                        Optional.empty(),
                        Optional.empty(),
                        true,
                        Optional.empty(),
                        new DeploymentWeight(
                                java.util.OptionalDouble.empty(),
                                java.util.OptionalLong.of(60),
                                java.util.OptionalLong.of(100_000))));
        assertThat(config.route("azure-gpt"))
                .contains(new ModelRoute(
                        "azure-gpt",
                        "azure",
                        "my-deployment",
                        Optional.of("https://example.openai.azure.com"),
                        Optional.of("azure-from-file"),
                        Optional.of("2024-10-21")));
        assertThat(config.route("llama3").orElseThrow().model()).isEqualTo("llama3:8b");
        assertThat(config.route("llama3").orElseThrow().apiBase()).contains("http://localhost:11434");
        assertThat(config.route("claude").orElseThrow().provider()).isEqualTo("openrouter");
        assertThat(config.route("claude").orElseThrow().model()).isEqualTo("anthropic/claude-3.5-sonnet");
    }

    @Test
    void os_environ_references_resolve_from_env() throws IOException {
        Path file = write("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: os.environ/UPSTREAM_MODEL
                      api_base: os.environ/UPSTREAM_BASE
                      api_key: os.environ/UPSTREAM_KEY
                      api_version: os.environ/UPSTREAM_VERSION
                general_settings:
                  master_key: os.environ/MASTER
                """);
        Map<String, String> env = Map.of(
                "UPSTREAM_MODEL", "groq/llama-3.1-8b",
                "UPSTREAM_BASE", "https://api.groq.com/openai/v1",
                "UPSTREAM_KEY", "gsk-123",
                "UPSTREAM_VERSION", "v9",
                "MASTER", "sk-m");

        ServerConfig config = ConfigLoader.load(file, env);

        assertThat(config.models())
                .containsExactly(new ModelRoute(
                        "m",
                        "groq",
                        "llama-3.1-8b",
                        Optional.of("https://api.groq.com/openai/v1"),
                        Optional.of("gsk-123"),
                        Optional.of("v9")));
        assertThat(config.masterKey()).contains("sk-m");
    }

    @Test
    void real_env_overrides_environment_variables() throws IOException {
        Path file = write("""
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/a, api_key: os.environ/KEY_A}
                  - model_name: b
                    litellm_params: {model: openai/b, api_key: os.environ/KEY_B}
                environment_variables:
                  KEY_A: from-file-a
                  KEY_B: from-file-b
                """);

        ServerConfig config = ConfigLoader.load(file, Map.of("KEY_B", "from-env-b"));

        assertThat(config.route("a").orElseThrow().apiKey()).contains("from-file-a");
        assertThat(config.route("b").orElseThrow().apiKey()).contains("from-env-b");
    }

    @Test
    void an_anthropic_entry_without_api_key_takes_anthropic_api_key() throws IOException {
        Path file = write("""
                model_list:
                  - model_name: claude
                    litellm_params: {model: anthropic/claude-sonnet-4-5}
                  - model_name: claude-own-key
                    litellm_params: {model: anthropic/claude-haiku-4-5, api_key: sk-ant-own}
                  - model_name: gpt
                    litellm_params: {model: openai/gpt-4o}
                """);

        ServerConfig config = ConfigLoader.load(file, Map.of("ANTHROPIC_API_KEY", "sk-ant-env"));

        assertThat(config.route("claude").orElseThrow().apiKey()).contains("sk-ant-env");
        assertThat(config.route("claude-own-key").orElseThrow().apiKey()).contains("sk-ant-own");
        assertThat(config.route("gpt").orElseThrow().apiKey()).isEmpty();
    }

    @Test
    void a_gemini_entry_without_api_key_takes_gemini_api_key() throws IOException {
        Path file = write("""
                model_list:
                  - model_name: flash
                    litellm_params: {model: gemini/gemini-2.5-flash}
                  - model_name: claude
                    litellm_params: {model: anthropic/claude-haiku-4-5}
                """);

        ServerConfig config = ConfigLoader.load(file, Map.of("GEMINI_API_KEY", "AIza-env"));

        assertThat(config.route("flash").orElseThrow().apiKey()).contains("AIza-env");
        assertThat(config.route("claude").orElseThrow().apiKey()).isEmpty();
    }

    @Test
    void unset_env_var_error_names_key_and_variable() throws IOException {
        Path file = write("""
                model_list:
                  - model_name: gpt-4o
                    litellm_params: {model: openai/gpt-4o}
                  - model_name: azure
                    litellm_params:
                      model: azure/dep
                      api_key: os.environ/AZURE_API_KEY
                """);

        assertConfigError(file, Map.of())
                .hasMessageContaining("model_list[1].litellm_params.api_key")
                .hasMessageContaining("AZURE_API_KEY")
                .hasMessageContaining(file.toString());
    }

    @Test
    void unset_master_key_variable_is_named() throws IOException {
        Path file = write("general_settings:\n  master_key: os.environ/LITELLM_MASTER_KEY\n");

        assertConfigError(file, Map.of("LITELLM_MASTER_KEY", ""))
                .hasMessageContaining("general_settings.master_key")
                .hasMessageContaining("LITELLM_MASTER_KEY");
    }

    @Test
    void unknown_top_level_key_is_named() throws IOException {
        Path file = write("""
                model_lsit:
                  - model_name: gpt-4o
                    litellm_params: {model: openai/gpt-4o}
                """);

        ConfigException e = catchConfigError(file, Map.of());
        assertThat(e.keyPath()).contains("model_lsit");
        assertThat(e.getMessage())
                .contains("model_lsit")
                .contains("unknown top-level key")
                .contains(String.join(", ", ConfigLoader.TOP_LEVEL_KEYS));
    }

    @Test
    void missing_provider_prefix_suggests_openai_prefix() throws IOException {
        Path file = write("""
                model_list:
                  - model_name: gpt-4o
                    litellm_params:
                      model: gpt-4o
                """);

        assertConfigError(file, Map.of())
                .hasMessageContaining("model_list[0].litellm_params.model")
                .hasMessageContaining("openai/gpt-4o");
    }

    @Test
    void unknown_provider_lists_accepted_providers() throws IOException {
        Path file = write("""
                model_list:
                  - model_name: x
                    litellm_params: {model: bedrock/claude}
                """);

        assertConfigError(file, Map.of())
                .hasMessageContaining("model_list[0].litellm_params.model")
                .hasMessageContaining("'bedrock'")
                .hasMessageContaining("text-completion-openai")
                .hasMessageContaining("ollama_chat");
    }

    @ParameterizedTest
    @FieldSource("ACCEPTED_PROVIDERS")
    void every_listed_provider_is_accepted(String provider) throws IOException {
        Path file = write("model_list:\n  - model_name: m\n    litellm_params: {model: " + provider + "/up}\n");

        ModelRoute route = ConfigLoader.load(file, Map.of("HOSTED_VLLM_API_BASE", "http://vllm:8000"))
                .route("m")
                .orElseThrow();

        assertThat(route.provider()).isEqualTo(provider);
        assertThat(route.model()).isEqualTo("up");
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of(
                        "provider_without_model_is_rejected",
                        "model_list:\n  - model_name: m\n    litellm_params: {model: openai/}\n",
                        List.of("model_list[0].litellm_params.model")),
                Arguments.of(
                        "model_list_wrong_type_is_named",
                        "model_list:\n  model_name: gpt-4o\n",
                        List.of("model_list", "must be a list")),
                Arguments.of(
                        "entry_that_is_not_a_mapping_is_named",
                        "model_list:\n  - gpt-4o\n",
                        List.of("model_list[0]", "mapping")),
                Arguments.of(
                        "model_name_that_is_not_a_string_is_named",
                        "model_list:\n  - model_name: [a]\n    litellm_params: {model: openai/a}\n",
                        List.of("model_list[0].model_name", "must be a string")),
                Arguments.of(
                        "entry_without_litellm_params_is_named",
                        "model_list:\n  - model_name: gpt-4o\n",
                        List.of("model_list[0].litellm_params")),
                Arguments.of(
                        "litellm_params_without_model_is_named",
                        "model_list:\n  - model_name: gpt-4o\n    litellm_params: {api_base: http://x}\n",
                        List.of("model_list[0].litellm_params.model", "required")),
                Arguments.of(
                        "general_settings_that_is_not_a_mapping_is_named",
                        "general_settings: [master_key]\n",
                        List.of("general_settings", "mapping")),
                Arguments.of(
                        "top_level_that_is_not_a_mapping_is_rejected",
                        "- model_name: gpt-4o\n",
                        List.of("top level", "model_list")),
                Arguments.of(
                        "duplicate_top_level_key_is_reported",
                        "model_list: []\nmodel_list: []\n",
                        List.of("model_list", "line 2")),
                Arguments.of(
                        "environment_variables_must_be_single_values",
                        "environment_variables:\n  KEY: [a, b]\n",
                        List.of("environment_variables.KEY")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void bad_config_is_rejected_naming_what_is_wrong(String name, String yaml, List<String> fragments)
            throws IOException {
        Path file = write(yaml);

        var error = assertConfigError(file, Map.of());
        fragments.forEach(error::hasMessageContaining);
    }

    @Test
    void entry_without_model_name_is_named() throws IOException {
        Path file = write("""
                model_list:
                  - model_name: ok
                    litellm_params: {model: openai/ok}
                  - litellm_params: {model: openai/gpt-4o}
                """);

        ConfigException e = catchConfigError(file, Map.of());
        assertThat(e.keyPath()).contains("model_list[1].model_name");
        assertThat(e.getMessage()).contains("model_list[1].model_name").contains("required");
    }

    @Test
    void litellm_sections_assistants4j_does_not_use_are_accepted() throws IOException {
        Path file = write("""
                model_list:
                  - model_name: gpt-4o
                    litellm_params: {model: openai/gpt-4o}
                files_settings:
                  - custom_llm_provider: azure
                    api_base: https://r.openai.azure.com
                finetune_settings:
                  - custom_llm_provider: openai
                guardrails: []
                """);

        assertThat(ConfigLoader.load(file, Map.of()).route("gpt-4o")).isPresent();
    }

    @Test
    void model_name_patterns_route_what_they_match() throws IOException {
        Path file = write("model_list:\n  - model_name: openai/*\n    litellm_params: {model: openai/*}\n");

        ServerConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.resolve("openai/gpt-4o").orElseThrow().upstreamModel())
                .isEqualTo("gpt-4o");
        assertThat(config.resolve("gpt-4o")).isEmpty();
    }

    @Test
    void bad_api_base_is_named() throws IOException {
        for (String base : List.of("ftp://files.example.com", "localhost:11434", "not a url", "https://")) {
            Path file = write("model_list:\n  - model_name: m\n    litellm_params: {model: ollama/llama3, api_base: \""
                    + base + "\"}\n");

            assertConfigError(file, Map.of())
                    .as(base)
                    .hasMessageContaining("model_list[0].litellm_params.api_base")
                    .hasMessageContaining("http");
        }
    }

    @Test
    void master_key_that_is_not_a_string_is_named() throws IOException {
        Path file = write("general_settings:\n  master_key: 98765432123\n");

        assertConfigError(file, Map.of())
                .hasMessageContaining("general_settings.master_key")
                .hasMessageContaining("must be a string")
                .hasMessageNotContaining("98765432123");
    }

    @Test
    void yaml_syntax_error_reports_line() throws IOException {
        Path file = write("""
                model_list:
                  - model_name: gpt-4o
                    litellm_params:
                      model: openai/gpt-4o
                      api_key: [sk-secret-in-broken-line
                general_settings: {}
                """);

        ConfigException e = catchConfigError(file, Map.of());
        assertThat(e.getMessage()).contains(file.toString()).containsPattern("line [56], column \\d+");
        assertThat(e.getMessage()).doesNotContain("sk-secret-in-broken-line");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void missing_file_is_reported() {
        Path file = dir.resolve("nope.yaml");

        assertConfigError(file, Map.of()).hasMessage("config file not found: " + file);
    }

    @Test
    void empty_file_falls_back_to_env_defaults() throws IOException {
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-o", "ASSISTANTS4J_MASTER_KEY", "sk-env-master");

        ServerConfig config = ConfigLoader.load(write(""), env);

        assertThat(config).isEqualTo(ConfigLoader.defaults(env));
        assertThat(config.route("anything").orElseThrow().apiKey()).contains("sk-o");
    }

    @Test
    void comment_only_file_keeps_its_master_key_and_falls_back() throws IOException {
        ServerConfig commentsOnly = ConfigLoader.load(write("# nothing here\n# at all\n"), Map.of());
        ServerConfig keyOnly = ConfigLoader.load(
                write("# no models\ngeneral_settings:\n  master_key: sk-file\nmodel_list: []\n"),
                Map.of("ASSISTANTS4J_MASTER_KEY", "sk-env"));

        assertThat(commentsOnly.models()).isEmpty();
        assertThat(commentsOnly.masterKey()).isEmpty();
        assertThat(commentsOnly.route("gpt-4o").orElseThrow().apiBase()).contains("https://api.openai.com/v1");
        assertThat(keyOnly.masterKey()).contains("sk-file");
        assertThat(keyOnly.fallback()).isEqualTo(ConfigLoader.defaults(Map.of()).fallback());
    }

    @Test
    void master_key_env_applies_when_file_has_none() throws IOException {
        Path file = write("model_list:\n  - model_name: m\n    litellm_params: {model: openai/m}\n");

        assertThat(ConfigLoader.load(file, Map.of("ASSISTANTS4J_MASTER_KEY", "sk-env"))
                        .masterKey())
                .contains("sk-env");
    }

    @Test
    void defaults_route_every_name_to_openai() {
        ServerConfig config = ConfigLoader.defaults(Map.of());

        assertThat(config.models()).isEmpty();
        assertThat(config.masterKey()).isEmpty();
        assertThat(config.route("gpt-4o-mini"))
                .contains(new ModelRoute(
                        "*",
                        "openai",
                        "*",
                        Optional.of("https://api.openai.com/v1"),
                        Optional.empty(),
                        Optional.empty()));
    }

    @Test
    void defaults_use_openai_base_url_key_and_master_key_from_env() {
        ServerConfig config = ConfigLoader.defaults(Map.of(
                "OPENAI_BASE_URL", "http://localhost:8000/v1/",
                "OPENAI_API_KEY", "sk-local",
                "ASSISTANTS4J_MASTER_KEY", "sk-master"));

        ModelRoute route = config.route("some-model").orElseThrow();
        assertThat(route.apiBase()).contains("http://localhost:8000/v1");
        assertThat(route.apiKey()).contains("sk-local");
        assertThat(route.model()).isEqualTo("*");
        assertThat(config.masterKey()).contains("sk-master");
    }

    @Test
    void defaults_reject_bad_openai_base_url() {
        assertThatThrownBy(() -> ConfigLoader.defaults(Map.of("OPENAI_BASE_URL", "api.openai.com")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OPENAI_BASE_URL")
                .hasMessageContaining("environment");
    }

    @Test
    void wildcard_model_name_routes_any_name() throws IOException {
        Path file = write("""
                model_list:
                  - model_name: special
                    litellm_params: {model: anthropic/claude-3-5-haiku}
                  - model_name: "*"
                    litellm_params: {model: "openai/*", api_base: "http://vllm:8000/v1"}
                """);

        ServerConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.route("special").orElseThrow().provider()).isEqualTo("anthropic");
        ModelRoute any = config.route("whatever-model").orElseThrow();
        assertThat(any.modelName()).isEqualTo("*");
        assertThat(any.model()).isEqualTo("*");
        assertThat(any.apiBase()).contains("http://vllm:8000/v1");
    }

    @Test
    void route_is_empty_for_unknown_name_when_model_list_exists() throws IOException {
        Path file = write("model_list:\n  - model_name: gpt-4o\n    litellm_params: {model: openai/gpt-4o}\n");

        ServerConfig config = ConfigLoader.load(file, Map.of("OPENAI_API_KEY", "sk-x"));

        assertThat(config.route("gpt-4o")).isPresent();
        assertThat(config.route("gpt-3.5-turbo")).isEmpty();
        assertThat(config.fallback()).isEmpty();
    }

    @Test
    void duplicate_model_names_are_allowed_and_first_wins() throws IOException {
        Path file = write("""
                model_list:
                  - model_name: gpt-4o
                    litellm_params: {model: azure/east}
                  - model_name: gpt-4o
                    litellm_params: {model: azure/west}
                """);

        ServerConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.models()).hasSize(2);
        assertThat(config.route("gpt-4o").orElseThrow().model()).isEqualTo("east");
    }

    @Test
    void secrets_never_appear_in_toString() throws IOException {
        Path file = write("""
                model_list:
                  - model_name: m
                    litellm_params: {model: openai/m, api_key: sk-route-secret}
                general_settings:
                  master_key: sk-master-secret
                """);

        ServerConfig config = ConfigLoader.load(file, Map.of());
        ServerConfig defaults = ConfigLoader.defaults(
                Map.of("OPENAI_API_KEY", "sk-env-secret", "ASSISTANTS4J_MASTER_KEY", "sk-env-master"));

        assertThat(config.masterKey()).contains("sk-master-secret");
        assertThat(config.toString())
                .contains("openai/m")
                .doesNotContain("sk-route-secret")
                .doesNotContain("sk-master-secret");
        assertThat(defaults.toString()).doesNotContain("sk-env-secret").doesNotContain("sk-env-master");
    }

    @Test
    void secrets_never_appear_in_error_messages() throws IOException {
        Path numericKey = write("""
                model_list:
                  - model_name: m
                    litellm_params: {model: openai/m, api_key: 1234567890987}
                """);
        Path badBase = write("""
                model_list:
                  - model_name: m
                    litellm_params: {model: openai/m, api_key: sk-keep-me-secret, api_base: "ftp://user:pw-secret@host"}
                general_settings: {master_key: sk-master-secret}
                """);

        assertConfigError(numericKey, Map.of())
                .hasMessageContaining("model_list[0].litellm_params.api_key")
                .hasMessageNotContaining("1234567890987");
        assertConfigError(badBase, Map.of())
                .hasMessageContaining("model_list[0].litellm_params.api_base")
                .hasMessageNotContaining("sk-keep-me-secret")
                .hasMessageNotContaining("pw-secret")
                .hasMessageNotContaining("sk-master-secret");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("config-" + files++ + ".yaml"), yaml);
    }

    private static ConfigException catchConfigError(Path file, Map<String, String> env) {
        try {
            ConfigLoader.load(file, env);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException for " + file);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertConfigError(
            Path file, Map<String, String> env) {
        return assertThatThrownBy(() -> ConfigLoader.load(file, env)).isInstanceOf(ConfigException.class);
    }
}
