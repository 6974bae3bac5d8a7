package dev.assistants4j.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code router_settings} and the router keys of {@code litellm_settings}; deployment weights in {@code model_list}. */
class RouterSettingsConfigTest {

    private static final String MODELS = """
            model_list:
              - model_name: gpt-4o
                litellm_params: {model: openai/gpt-4o, api_base: "http://a.example/v1", weight: 3}
              - model_name: gpt-4o
                rpm: 600
                litellm_params: {model: azure/gpt-4o-eu, api_base: "http://b.example", tpm: 1000}
            """;

    @TempDir
    Path dir;

    @Test
    void without_router_settings_litellm_defaults_apply() throws IOException {
        assertThat(load(MODELS).router()).isEqualTo(RouterSettings.DEFAULTS);
        assertThat(RouterSettings.DEFAULTS.numRetries()).isEqualTo(2);
        assertThat(RouterSettings.DEFAULTS.allowedFails()).isEqualTo(3);
        assertThat(RouterSettings.DEFAULTS.cooldownTime()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void router_settings_win_over_litellm_settings_which_fill_the_rest() throws IOException {
        ServerConfig config = load(MODELS + """
                router_settings:
                  routing_strategy: least-busy
                  num_retries: 4
                  cooldown_time: 0.5
                litellm_settings:
                  num_retries: 9
                  timeout: 30
                  allowed_fails: 1
                  fallbacks: [{"gpt-4o": ["backup", "backup-2"]}]
                  context_window_fallbacks: [{"gpt-4o": "gpt-4o-long"}]
                """);

        assertThat(config.router())
                .isEqualTo(new RouterSettings(
                        RouterSettings.Strategy.LEAST_BUSY,
                        4,
                        Optional.of(Duration.ofSeconds(30)),
                        Map.of("gpt-4o", List.of("backup", "backup-2")),
                        Map.of("gpt-4o", List.of("gpt-4o-long")),
                        1,
                        Duration.ofMillis(500)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"usage-based-routing", "usage-based-routing-v2", "cost-based-routing"})
    void litellms_redis_backed_strategies_load_as_the_weighted_shuffle(String strategy) throws IOException {
        ServerConfig config = load(MODELS + "router_settings:\n  routing_strategy: " + strategy + "\n");

        assertThat(config.router().strategy()).isEqualTo(RouterSettings.Strategy.SIMPLE_SHUFFLE);
    }

    @Test
    void deployments_of_one_name_keep_their_weight_rpm_and_tpm() throws IOException {
        List<ModelRoute> deployments = load(MODELS).deployments("gpt-4o");

        assertThat(deployments).hasSize(2);
        assertThat(deployments.get(0).weight())
                .isEqualTo(new DeploymentWeight(OptionalDouble.of(3), OptionalLong.empty(), OptionalLong.empty()));
        assertThat(deployments.get(1).weight())
                .isEqualTo(new DeploymentWeight(OptionalDouble.empty(), OptionalLong.of(600), OptionalLong.of(1000)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown strategy | router_settings: {routing_strategy: fastest}"
                        + " | router_settings.routing_strategy: unknown routing strategy 'fastest'",
                "negative retries | router_settings: {num_retries: -1} | router_settings.num_retries",
                "fractional retries | litellm_settings: {num_retries: 1.5} | litellm_settings.num_retries",
                "text timeout | router_settings: {timeout: soon} | router_settings.timeout",
                "zero timeout | router_settings: {timeout: 0} | router_settings.timeout",
                "negative cooldown | router_settings: {cooldown_time: -2} | router_settings.cooldown_time",
                "allowed_fails a list | router_settings: {allowed_fails: [1]} | router_settings.allowed_fails",
                "fallbacks a mapping | router_settings: {fallbacks: {gpt-4o: backup}} | router_settings.fallbacks",
                "fallback entry a string | litellm_settings: {fallbacks: [gpt-4o]} | litellm_settings.fallbacks[0]",
                "fallback names not text | router_settings: {context_window_fallbacks: [{gpt-4o: [1]}]}"
                        + " | router_settings.context_window_fallbacks[0].gpt-4o",
                "negative weight | 'model_list: [{model_name: m, litellm_params: {model: openai/m, weight: -1}}]'"
                        + " | model_list[0].litellm_params.weight",
            })
    void bad_router_values_are_refused_naming_the_key(String name, String settings, String expected) {
        String yaml = settings.startsWith("model_list") ? settings + "\n" : MODELS + settings + "\n";

        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(expected);
    }

    private ServerConfig load(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("config-" + System.nanoTime() + ".yaml"), yaml);
        return ConfigLoader.load(file, Map.of());
    }
}
