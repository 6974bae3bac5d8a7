package dev.assistants4j.core.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodeInterpreterTypesTest {

    @Test
    void safe_names_keep_only_a_plain_last_segment() {
        assertThat(InputFile.safeName("data.csv")).isEqualTo("data.csv");
        assertThat(InputFile.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(InputFile.safeName("C:\\Users\\me\\report (1).xlsx")).isEqualTo("report (1).xlsx");
        assertThat(InputFile.safeName("a\nb;c|d.txt")).isEqualTo("a_b_c_d.txt");
        assertThat(InputFile.safeName("..")).isEqualTo("file");
        assertThat(InputFile.safeName("dir/")).isEqualTo("file");
        assertThat(InputFile.safeName("x".repeat(300))).hasSize(200);
    }

    @Test
    void input_files_refuse_names_that_are_not_plain() {
        assertThatThrownBy(() -> InputFile.of("../x", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InputFile.of("a/b", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThat(InputFile.of("a.txt", new byte[] {1}).name()).isEqualTo("a.txt");
    }

    @Test
    void an_execution_has_an_error_exactly_when_it_did_not_complete() {
        assertThatThrownBy(() -> new CodeExecution(
                        CodeExecution.Status.FAILED, "", false, Optional.empty(), List.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CodeExecution(
                        CodeExecution.Status.COMPLETED, "", false, Optional.of("x"), List.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new CodeExecution(
                                CodeExecution.Status.COMPLETED, "", false, Optional.empty(), List.of(), Duration.ZERO)
                        .failed())
                .isFalse();
    }

    @Test
    void settings_reject_nonsense() {
        assertThatThrownBy(() -> CodeInterpreterSettings.DEFAULTS.withWallTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodeInterpreterSettings.DEFAULTS.withMaxSessions(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CodeInterpreterSettings.DEFAULTS.idleExpiry()).isEqualTo(Duration.ofMinutes(20));
    }
}
