package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.server.config.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with a bad database setting stops before it opens anything: exit status 2 and a message on stderr
 * naming the setting (the parser's cases are in {@code DatabaseConfigTest}).
 */
class ServeDatabaseSettingsTest {

    @TempDir
    Path dir;

    @Test
    void a_pool_limit_below_two_in_the_config_file_stops_serve_with_the_key_named() throws IOException {
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                general_settings:
                  database_url: postgresql://postgres@127.0.0.1:5432/postgres
                  database_connection_pool_limit: 1
                """);

        ServeCommand.Outcome outcome = ServeCommand.run(dir.resolve("data"), "--config", config.toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr())
                .contains("invalid configuration")
                .contains("general_settings.database_connection_pool_limit")
                .contains("must be a whole number of at least 2");
    }

    @Test
    void a_connection_timeout_that_is_not_a_number_stops_serve_with_the_key_named() throws IOException {
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                general_settings:
                  database_connection_timeout: 5s
                """);

        ServeCommand.Outcome outcome = ServeCommand.run(dir.resolve("data"), "--config", config.toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr())
                .contains("general_settings.database_connection_timeout")
                .contains("must be a whole number of at least 1");
    }

    @Test
    void a_bad_run_lease_in_the_environment_stops_serve_with_the_variable_named() {
        ServerProcess.Exited exited = ServerProcess.exit(
                dir.resolve("data"),
                "model_list: []\n",
                List.of("--database-url", "postgresql://postgres@127.0.0.1:5432/postgres"),
                Map.of(DatabaseConfig.RUN_LEASE_ENV, "0"),
                Duration.ofSeconds(60));

        assertThat(exited.exitCode()).isEqualTo(2);
        assertThat(exited.output())
                .contains("invalid configuration")
                .contains("environment variable ASSISTANTS4J_RUN_LEASE_SECONDS")
                .contains("whole number of seconds from 1 to 86400");
    }
}
