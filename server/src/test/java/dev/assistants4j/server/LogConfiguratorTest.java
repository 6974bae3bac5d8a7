package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The log configuration set in code: the root level follows {@code ASSISTANTS4J_LOG_LEVEL} (INFO by default, as the
 * launcher documents), the libraries' chatter is turned down, and one appender writes to stderr.
 */
class LogConfiguratorTest {

    @AfterEach
    void clear() {
        System.clearProperty(LogConfigurator.LEVEL_VARIABLE);
    }

    @Test
    void the_root_level_follows_ASSISTANTS4J_LOG_LEVEL() {
        // given
        System.setProperty(LogConfigurator.LEVEL_VARIABLE, "DEBUG");

        // when
        LoggerContext context = configured();

        // then
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("org.eclipse.jetty").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("ai.djl.util.cuda.CudaUtils").getEffectiveLevel())
                .isEqualTo(Level.ERROR);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"))
                .isNotNull();
    }

    @Test
    void without_a_level_the_root_logs_info() {
        // when
        LoggerContext context = configured();

        // then: unless the environment of this test run names another level
        Level expected = System.getenv(LogConfigurator.LEVEL_VARIABLE) == null
                ? Level.INFO
                : Level.toLevel(System.getenv(LogConfigurator.LEVEL_VARIABLE), Level.INFO);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(expected);
    }

    private static LoggerContext configured() {
        LoggerContext context = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);
        assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        return context;
    }
}
