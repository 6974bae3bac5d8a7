package dev.assistants4j.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.access.Price;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prices for budgets: LiteLLM's {@code model_info.input_cost_per_token} and {@code output_cost_per_token}, else the
 * built-in list price of the upstream model or of the name, else nothing.
 */
class ModelPricesConfigTest {

    @TempDir
    Path dir;

    @Test
    void a_model_is_priced_by_its_model_info_then_the_built_in_table_then_zero() throws IOException {
        Path file = Files.writeString(dir.resolve("config.yaml"), """
                model_list:
                  - model_name: my-llama
                    litellm_params: {model: ollama/llama3}
                    model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000002}
                  - model_name: company-gpt
                    litellm_params: {model: openai/gpt-4o-mini-2024-07-18}
                  - model_name: cheap-in
                    litellm_params: {model: openai/gpt-4o}
                    model_info: {input_cost_per_token: 0.0000001}
                  - model_name: unknown
                    litellm_params: {model: ollama/mistral}
                  - model_name: "anthropic/*"
                    litellm_params: {model: "openai/*"}
                """);
        ConfigPricing pricing =
                new ConfigPricing(ConfigLoader.load(file, Map.of()).resolver());

        assertThat(pricing.of("my-llama")).isEqualTo(new Price(0.000001, 0.000002));
        assertThat(pricing.of("company-gpt").cost(1_000_000, 1_000_000)).isCloseTo(0.75, within());
        assertThat(pricing.of("cheap-in")).isEqualTo(new Price(0.0000001, 0));
        assertThat(pricing.of("unknown")).isEqualTo(Price.ZERO);
        assertThat(pricing.of("anthropic/claude-3-5-sonnet-20241022").cost(1_000_000, 1_000_000))
                .isCloseTo(18.0, within());
        assertThat(pricing.of("not-configured")).isEqualTo(Price.ZERO);
    }

    @Test
    void a_price_that_is_not_a_number_is_named() throws IOException {
        Path file = Files.writeString(dir.resolve("config.yaml"), """
                model_list:
                  - model_name: m
                    litellm_params: {model: openai/m}
                    model_info: {input_cost_per_token: "cheap"}
                """);

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("model_list[0].model_info.input_cost_per_token")
                .hasMessageContaining("US dollars per token");
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
