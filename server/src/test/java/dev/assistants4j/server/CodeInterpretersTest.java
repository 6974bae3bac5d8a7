package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.assistants4j.core.code.CodeInterpreterUnavailableException;
import dev.assistants4j.sandbox.SandboxOptions;
import dev.assistants4j.server.config.CodeInterpreterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** At start, a host without what code_interpreter needs is reported at once, with the command that installs it. */
class CodeInterpretersTest {

    static final String COMMAND =
            "apt-get install -y --no-install-recommends bubblewrap python3 python3-numpy python3-pandas python3-matplotlib";

    @TempDir
    Path dir;

    final Logger logger = (Logger) LoggerFactory.getLogger(CodeInterpreters.class);
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
    }

    SandboxOptions withoutBubblewrap() {
        return SandboxOptions.DEFAULTS.withWorkDir(dir).withPaths(Path.of("/usr/bin/python3"), dir.resolve("bwrap"));
    }

    @Test
    void a_missing_bubblewrap_is_one_warning_at_start_naming_the_install_command() {
        CodeInterpreters code = new CodeInterpreters(CodeInterpreterConfig.DEFAULTS, withoutBubblewrap());

        code.checkPrerequisites();

        assertThat(logs.list).hasSize(1);
        ILoggingEvent warning = logs.list.getFirst();
        assertThat(warning.getLevel()).isEqualTo(Level.WARN);
        assertThat(warning.getFormattedMessage())
                .contains(dir.resolve("bwrap") + " missing")
                .contains(COMMAND)
                .doesNotContain("\n");
        assertThatThrownBy(code::interpreter)
                .isInstanceOf(CodeInterpreterUnavailableException.class)
                .hasMessageContaining(COMMAND);
    }

    @Test
    void a_disabled_tool_is_not_checked() {
        CodeInterpreterConfig disabled =
                new CodeInterpreterConfig(false, false, Duration.ofSeconds(60), 1024, Duration.ofMinutes(20));

        new CodeInterpreters(disabled, withoutBubblewrap()).checkPrerequisites();

        assertThat(logs.list).isEmpty();
    }

    @Test
    void a_host_with_everything_gets_no_warning() {
        new CodeInterpreters(CodeInterpreterConfig.DEFAULTS, SandboxOptions.DEFAULTS.withWorkDir(dir))
                .checkPrerequisites();

        assertThat(logs.list).extracting(ILoggingEvent::getLevel).doesNotContain(Level.WARN);
        assertThat(List.of(SandboxOptions.DEFAULTS.bwrap(), SandboxOptions.DEFAULTS.python()))
                .allMatch(p -> p.toFile().canExecute());
    }
}
