package dev.assistants4j.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code assistant_settings.file_search}: the local model by default, or an upstream embedding model. */
class AssistantSettingsConfigTest {

    private static final String MODELS = """
            model_list:
              - model_name: embed-small
                litellm_params:
                  model: openai/text-embedding-3-small
                  api_key: sk-test
              - model_name: offline
                litellm_params:
                  model: mock/anything
            """;

    @TempDir
    Path dir;

    @Test
    void without_assistant_settings_file_search_uses_the_local_model() throws IOException {
        assertThat(load(MODELS).fileSearch()).isEqualTo(FileSearchConfig.LOCAL);
        assertThat(load(MODELS + "assistant_settings: {}\n").fileSearch()).isEqualTo(FileSearchConfig.LOCAL);
        assertThat(load(MODELS + "assistant_settings:\n  file_search: {}\n").fileSearch())
                .isEqualTo(FileSearchConfig.LOCAL);
    }

    @Test
    void an_embedding_model_from_the_model_list_with_its_dimensions() throws IOException {
        ServerConfig config = load(MODELS + """
                        assistant_settings:
                          file_search:
                            embedding_model: embed-small
                            embedding_dimensions: 1536
                        """);

        assertThat(config.fileSearch())
                .isEqualTo(new FileSearchConfig(Optional.of("embed-small"), OptionalInt.of(1536)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown section key | typo: 1 | assistant_settings.typo",
                "unknown file_search key | file_search: {model: x} | assistant_settings.file_search.model",
                "model not in model_list | file_search: {embedding_model: nope, embedding_dimensions: 8}"
                        + " | not a model_name",
                "mock model | file_search: {embedding_model: offline, embedding_dimensions: 8} | mock provider",
                "dimensions missing | file_search: {embedding_model: embed-small} | is required",
                "dimensions without model | file_search: {embedding_dimensions: 8} | only used with embedding_model",
                "dimensions not a number | file_search: {embedding_model: embed-small, embedding_dimensions: big}"
                        + " | whole number",
                "dimensions zero | file_search: {embedding_model: embed-small, embedding_dimensions: 0} | between 1",
                "file_search not a mapping | file_search: on | must be a mapping",
            })
    void invalid_settings_are_refused_naming_the_key(String name, String settings, String expected) {
        String yaml = MODELS + "assistant_settings: {" + settings + "}\n";

        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(expected);
    }

    private ServerConfig load(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("config-" + System.nanoTime() + ".yaml"), yaml);
        return ConfigLoader.load(file, Map.of());
    }
}
