package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs one of the {@code conformance/node} scripts with an official {@code openai} npm package and checks it passed.
 * Missing {@code node_modules} fail the test when {@code CI=true} and skip it elsewhere; a missing {@code node} always
 * fails.
 */
public final class NodeScript {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String NPM_CI_HINT = "run `npm ci` in conformance/node (./assistants4j test does it)";

    private NodeScript() {}

    /**
     * Runs {@code node <script> <sdk>} with {@code env} added to the environment, writing its output to a file in
     * {@code logDir}, and asserts that it finished in time, exited 0 and printed {@code N passed, 0 failed}.
     */
    public static void assertPasses(String script, String sdk, Map<String, String> env, Path logDir)
            throws IOException, InterruptedException {
        Path scriptDir = conformanceDir();
        requireNodeModules(scriptDir);
        Path log = logDir.resolve(script + "-" + sdk + ".log");
        ProcessBuilder builder = new ProcessBuilder(nodeOnPath().toString(), script, sdk)
                .directory(scriptDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String command = "node " + script + " " + sdk;
        assertThat(finished)
                .as("%s did not finish within %s:%n%s", command, DEADLINE, output)
                .isTrue();
        assertThat(process.exitValue())
                .as("%s exited with %d:%n%s", command, process.exitValue(), output)
                .isZero();
        assertThat(output).as("%s output:%n%s", command, output).containsPattern("(?m)^[1-9]\\d* passed, 0 failed$");
    }

    /** {@code conformance/node} of the repository, found by walking up from the working directory. */
    private static Path conformanceDir() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("conformance").resolve("node");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        return fail("no conformance/node/package.json above %s", System.getProperty("user.dir"));
    }

    private static void requireNodeModules(Path scriptDir) {
        boolean installed = Files.isDirectory(scriptDir.resolve("node_modules"));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(installed).as(NPM_CI_HINT).isTrue();
        }
        Assumptions.assumeTrue(installed, NPM_CI_HINT);
    }

    private static Path nodeOnPath() {
        String searchPath = System.getenv().getOrDefault("PATH", "");
        Optional<Path> node = Stream.of(searchPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .flatMap(entry -> Stream.of(Path.of(entry, "node"), Path.of(entry, "node.exe")))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
        assertThat(node)
                .as("`node` is not on PATH: install Node.js to run the official SDK conformance checks")
                .isPresent();
        return node.orElseThrow();
    }
}
