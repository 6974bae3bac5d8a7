package dev.assistants4j.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.code.CodeInterpreterSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code assistant_settings.code_interpreter} section of the config file. */
class CodeInterpreterConfigTest {

    @TempDir
    Path dir;

    @Test
    void without_the_section_the_tool_is_enabled_and_sandboxed_with_the_defaults() throws IOException {
        ServerConfig config = ConfigLoader.load(write("assistant_settings:\n  file_search: {}\n"), Map.of());

        assertThat(config.codeInterpreter()).isEqualTo(CodeInterpreterConfig.DEFAULTS);
        assertThat(config.codeInterpreter().enabled()).isTrue();
        assertThat(config.codeInterpreter().allowUnsandboxedCodeExecution()).isFalse();
        assertThat(ConfigLoader.defaults(Map.of()).codeInterpreter()).isEqualTo(CodeInterpreterConfig.DEFAULTS);
    }

    @Test
    void the_section_sets_every_key() throws IOException {
        ServerConfig config = ConfigLoader.load(write("""
                        assistant_settings:
                          code_interpreter:
                            enabled: false
                            allow_unsandboxed_code_execution: true
                            timeout_seconds: 5
                            memory_mb: 256
                            idle_expiry_minutes: 3
                        """), Map.of());

        assertThat(config.codeInterpreter())
                .isEqualTo(new CodeInterpreterConfig(false, true, Duration.ofSeconds(5), 256, Duration.ofMinutes(3)));
        CodeInterpreterSettings settings = config.codeInterpreter().settings();
        assertThat(settings.wallTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.memoryBytes()).isEqualTo(256L << 20);
        assertThat(settings.idleExpiry()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void a_wrong_value_or_an_unknown_key_is_named() throws IOException {
        Path wrongType = write("assistant_settings:\n  code_interpreter:\n    enabled: yes please\n");
        Path outOfRange = write("assistant_settings:\n  code_interpreter:\n    timeout_seconds: 0\n");
        Path typo = write("assistant_settings:\n  code_interpreter:\n    timeout: 5\n");
        Path topLevel = write("code_interpreter:\n  enabled: false\n");

        assertThatThrownBy(() -> ConfigLoader.load(wrongType, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("assistant_settings.code_interpreter.enabled")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> ConfigLoader.load(outOfRange, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("code_interpreter.timeout_seconds")
                .hasMessageContaining("from 1 to 3600");
        assertThatThrownBy(() -> ConfigLoader.load(typo, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("code_interpreter.timeout")
                .hasMessageContaining("timeout_seconds");
        assertThatThrownBy(() -> ConfigLoader.load(topLevel, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown top-level key");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("config-" + System.nanoTime() + ".yaml"), yaml);
    }
}
