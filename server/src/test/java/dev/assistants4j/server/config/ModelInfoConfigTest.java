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

/** LiteLLM's {@code model_info}: {@code supports_vision} is read (default true); its other keys are ignored. */
class ModelInfoConfigTest {

    @TempDir
    Path dir;

    @Test
    void supports_vision_false_marks_the_route_without_vision() throws IOException {
        // given a model without vision, one with it said explicitly, and one that does not say
        Path file = write("""
                model_list:
                  - model_name: text-only
                    litellm_params: {model: openai/gpt-3.5-turbo}
                    model_info: {supports_vision: false, mode: chat, id: primary}
                  - model_name: seeing
                    litellm_params: {model: openai/gpt-4o}
                    model_info: {supports_vision: true}
                  - model_name: unsaid
                    litellm_params: {model: ollama/llama3}
                    model_info: {mode: chat}
                  - model_name: bare
                    litellm_params: {model: openai/gpt-4o-mini}
                """);

        // when
        ServerConfig config = ConfigLoader.load(file, Map.of());

        // then
        assertThat(config.route("text-only").orElseThrow().supportsVision()).isFalse();
        assertThat(config.route("seeing").orElseThrow().supportsVision()).isTrue();
        assertThat(config.route("unsaid").orElseThrow().supportsVision()).isTrue();
        assertThat(config.route("bare").orElseThrow().supportsVision()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            supports_vision as a string | {supports_vision: "no"} | model_list[0].model_info.supports_vision | must be true or false
            model_info as a list        | [supports_vision]       | model_list[0].model_info                 | mapping
            """)
    void a_model_info_of_the_wrong_shape_is_named(String given, String modelInfo, String keyPath, String message)
            throws IOException {
        // given
        Path file = write("""
                model_list:
                  - model_name: m
                    litellm_params: {model: openai/m}
                    model_info: %s
                """.formatted(modelInfo));

        // when / then
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(keyPath)
                .hasMessageContaining(message);
    }

    @Test
    void existing_constructors_default_to_vision() {
        ModelRoute route = new ModelRoute("m", "openai", "m", Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(route.supportsVision()).isTrue();
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }
}
