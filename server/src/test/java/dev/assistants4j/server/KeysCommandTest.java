package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.testkit.Poll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assistants4j keys …} and {@code teams …} through the real {@link Main} in a JVM of its own, on a SQLite data
 * dir that a running server uses too: the key printed once works on the server, the list shows it (never the key),
 * and a revoke stops it on the server within a second.
 */
class KeysCommandTest {

    @TempDir
    Path dir;

    @Test
    void keys_made_listed_and_revoked_on_the_command_line_work_and_stop_on_a_running_server() throws Exception {
        Path data = dir.resolve("data");
        try (AssistantsServer server = TestServer.withMasterKey(data)) {
            HttpTestClient http = new HttpTestClient(server, data);

            Run team = main("teams", "create", "--team-id", "cli-team", "--alias", "ops", "--rpm", "5");
            Run created = main("keys", "create", "--team", "cli-team", "--alias", "cli-key", "--models", "a,b");
            String key = created.out().strip();
            Run listed = main("keys", "list");
            Run teams = main("teams", "list");

            assertThat(team.code()).as(team.err()).isZero();
            assertThat(team.out().strip()).isEqualTo("cli-team");
            assertThat(created.code()).as(created.err()).isZero();
            assertThat(key).startsWith("sk-").doesNotContain("\n");
            assertThat(created.err()).contains("works in project cli-team", "only time it is shown");
            assertThat(listed.out()).contains("cli-key", "cli-team", "sk-..." + key.substring(key.length() - 4));
            assertThat(listed.out()).doesNotContain(key);
            assertThat(teams.out()).contains("cli-team", "ops");
            assertThat(http.get("/v1/assistants", "Authorization", "Bearer " + key)
                            .status())
                    .isEqualTo(200);

            Run revoked = main("keys", "revoke", "cli-key");

            assertThat(revoked.code()).as(revoked.err()).isZero();
            assertThat(Poll.until(
                            Duration.ofSeconds(1),
                            () -> http.get("/v1/assistants", "Authorization", "Bearer " + key)
                                    .status(),
                            status -> status == 401))
                    .isEqualTo(401);
            assertThat(main("keys", "list").out()).doesNotContain("cli-key");
            Run unknown = main("keys", "revoke", "no-such-alias");
            assertThat(unknown.code()).isEqualTo(1);
            assertThat(unknown.err()).contains("Keys not found");
        }
    }

    private record Run(int code, String out, String err) {}

    /** Runs {@code assistants4j ARGS --data-dir <data>} as its own JVM. */
    private Run main(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", dir.resolve("data").toString()));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("ASSISTANTS4J_CONFIG");
        builder.environment().remove("DATABASE_URL");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("%s finished", command)
                .isTrue();
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
