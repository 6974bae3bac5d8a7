package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.util.Platform;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The server's log configuration ({@link LogConfigurator}) keeps start-up to the point: DJL's CUDA probe, which warns on
 * machines with a CUDA runtime but no usable GPU, does not reach the log, while errors (DJL's included) and the
 * server's own lines do.
 */
class LogConfigTest {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appended = new ListAppender<>();

    @BeforeEach
    void capture() {
        appended.start();
        root.addAppender(appended);
    }

    @AfterEach
    void release() {
        root.detachAppender(appended);
    }

    @Test
    void loading_the_tokenizers_native_library_logs_no_djl_warning() {
        // when: what DJL does before it loads the embedder's tokenizer (it probes CUDA on every call)
        Platform.detectPlatform("tokenizers");

        // then
        assertThat(events("ai.djl", Level.WARN)).isEmpty();
    }

    @Test
    void djls_cuda_warnings_are_dropped_but_its_errors_are_not() {
        // given
        org.slf4j.Logger cuda = LoggerFactory.getLogger("ai.djl.util.cuda.CudaUtils");

        // when
        cuda.warn("Failed to detect GPU count: CUDA driver version is insufficient for CUDA runtime version (35)");
        cuda.error("a real failure");
        LoggerFactory.getLogger(AssistantsServer.class).info("the server's own line");

        // then
        assertThat(events("ai.djl", Level.TRACE))
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("a real failure");
        assertThat(events("dev.assistants4j", Level.INFO))
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("the server's own line");
    }

    private List<ILoggingEvent> events(String loggerPrefix, Level atLeast) {
        return appended.list.stream()
                .filter(event -> event.getLoggerName().startsWith(loggerPrefix))
                .filter(event -> event.getLevel().isGreaterOrEqual(atLeast))
                .toList();
    }
}
