package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a curl command line as a documentation page writes it (quotes, {@code \}-continued lines and all) with {@code
 * /bin/sh -c}, {@code curl} being the real {@code /usr/bin/curl}, and returns what it printed. A missing curl fails the
 * test when {@code CI=true} and skips it elsewhere.
 */
final class Curl {

    private static final Path CURL = Path.of("/usr/bin/curl");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private Curl() {}

    /** Fails (CI) or skips the test when {@code /usr/bin/curl} is not there. */
    static void requireCurl() {
        boolean installed = Files.isExecutable(CURL);
        String hint = CURL + " is missing: apt-get install curl";
        if ("true".equals(System.getenv("CI"))) {
            assertThat(installed).as(hint).isTrue();
        }
        Assumptions.assumeTrue(installed, hint);
    }

    /** Runs {@code commandLine}, asserts that it finished in time and exited 0, and returns its standard output. */
    static String run(String commandLine, Path logDir) throws IOException, InterruptedException {
        Path out = Files.createTempFile(logDir, "curl-", ".out");
        Path err = Files.createTempFile(logDir, "curl-", ".err");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", commandLine)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("PATH", CURL.getParent().toString()); // so `curl` is /usr/bin/curl
        Process process = builder.start();
        boolean finished = process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(finished)
                .as("%s did not finish within %s:%n%s", commandLine, DEADLINE, output)
                .isTrue();
        assertThat(process.exitValue())
                .as("%s exited with %d:%n%s%n%s", commandLine, process.exitValue(), output, errors)
                .isZero();
        return output;
    }
}
