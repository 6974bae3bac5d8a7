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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@code conformance/node/files.mjs} with the official {@code openai} npm package (4.x and 7.x) against a real
 * server: uploads as the SDKs send them (from disk with {@code fs.createReadStream}, from bytes with {@code toFile},
 * streamed with 7.x's {@code toStreamingFile}), retrieve, list, content download and delete.
 */
class NodeSdkFilesConformanceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String NPM_CI_HINT = "run `npm ci` in conformance/node (./assistants4j test does it)";

    @TempDir
    Path dataDir;

    @TempDir
    Path logDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openai4", "openai7"})
    void official_node_sdk_uploads_reads_and_deletes_files(String sdk) throws Exception {
        // given
        Path scriptDir = conformanceDir();
        requireNodeModules(scriptDir);
        Path node = nodeOnPath();

        try (AssistantsServer server = TestServer.withMasterKey(dataDir)) {
            // when
            ScriptRun run = runScript(node, scriptDir, sdk, server.baseUrl());

            // then
            assertThat(run.timedOut())
                    .as("node files.mjs %s did not finish within %s:%n%s", sdk, DEADLINE, run.output())
                    .isFalse();
            assertThat(run.exitCode())
                    .as("node files.mjs %s exited with %d:%n%s", sdk, run.exitCode(), run.output())
                    .isZero();
            assertThat(run.output())
                    .as("node files.mjs %s output:%n%s", sdk, run.output())
                    .containsPattern("(?m)^\\d+ passed, 0 failed$");
        }
    }

    private ScriptRun runScript(Path node, Path scriptDir, String sdk, String baseUrl)
            throws IOException, InterruptedException {
        Path log = logDir.resolve(sdk + ".log");
        ProcessBuilder builder = new ProcessBuilder(node.toString(), "files.mjs", sdk)
                .directory(scriptDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("ASSISTANTS_BASE_URL", baseUrl);
        env.put("ASSISTANTS_API_KEY", TestServer.MASTER_KEY);
        Process process = builder.start();
        boolean finished = process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return new ScriptRun(!finished, finished ? process.exitValue() : -1, output);
    }

    private record ScriptRun(boolean timedOut, int exitCode, String output) {}

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

    /** Missing dependencies fail the build on CI and skip the test elsewhere. */
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
