package dev.assistants4j.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database settings: {@code general_settings.database_connection_pool_limit} and {@code
 * database_connection_timeout} in config.yaml, and {@code ASSISTANTS4J_RUN_LEASE_SECONDS} in the environment. A good
 * value is read; a bad one fails the load with a message naming the key.
 */
class DatabaseConfigTest {

    @TempDir
    Path dir;

    @Test
    void good_values_are_read_and_absent_ones_are_the_defaults() throws IOException {
        // given
        Path file = write("""
                general_settings:
                  database_url: postgresql://app@db.example:5432/assistants
                  database_connection_pool_limit: 32
                  database_connection_timeout: 7
                """);

        // when
        DatabaseConfig set = ConfigLoader.load(file, Map.of(DatabaseConfig.RUN_LEASE_ENV, " 4 "))
                .database();
        DatabaseConfig defaults = ConfigLoader.load(write("general_settings: {master_key: sk-m}\n"), Map.of())
                .database();

        // then
        assertThat(set.poolLimit()).isEqualTo(32);
        assertThat(set.connectionTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(set.runLease()).isEqualTo(Duration.ofSeconds(4));
        assertThat(defaults.poolLimit()).isEqualTo(DatabaseConfig.DEFAULT_POOL_LIMIT);
        assertThat(defaults.connectionTimeout()).isEqualTo(DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT);
        assertThat(defaults.runLease()).isEqualTo(DatabaseConfig.DEFAULT_RUN_LEASE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "pool of 1         | database_connection_pool_limit: 1       | database_connection_pool_limit"
                        + " | at least 2",
                "pool of 0         | database_connection_pool_limit: 0       | database_connection_pool_limit"
                        + " | at least 2",
                "negative pool     | database_connection_pool_limit: -5      | database_connection_pool_limit"
                        + " | at least 2",
                "fractional pool   | database_connection_pool_limit: 2.5     | database_connection_pool_limit"
                        + " | whole number",
                "pool as a word    | database_connection_pool_limit: ten     | database_connection_pool_limit"
                        + " | whole number",
                "pool as a string  | database_connection_pool_limit: '10'    | database_connection_pool_limit"
                        + " | whole number",
                "pool beyond int   | database_connection_pool_limit: 9999999999 | database_connection_pool_limit"
                        + " | whole number",
                "pool as a list    | database_connection_pool_limit: [10]    | database_connection_pool_limit"
                        + " | whole number",
                "timeout of 0      | database_connection_timeout: 0          | database_connection_timeout"
                        + " | at least 1",
                "negative timeout  | database_connection_timeout: -1         | database_connection_timeout"
                        + " | at least 1",
                "timeout with unit | database_connection_timeout: 5s        | database_connection_timeout"
                        + " | whole number",
                "fractional timeout | database_connection_timeout: 0.5      | database_connection_timeout"
                        + " | whole number",
                "timeout true      | database_connection_timeout: true       | database_connection_timeout"
                        + " | whole number",
            })
    void a_bad_config_value_fails_the_load_naming_the_key(String label, String setting, String key, String problem)
            throws IOException {
        ConfigFiles.assertGeneralSettingFails(dir, label, setting, "general_settings." + key, problem);
    }

    @ParameterizedTest(name = "ASSISTANTS4J_RUN_LEASE_SECONDS={0}")
    @ValueSource(strings = {"0", "-3", "ten", "1.5", "15s", "86401", "99999999999999999999", "9223372036854775807"})
    void a_bad_run_lease_fails_with_or_without_a_config_file(String value) throws IOException {
        // given
        Map<String, String> env = Map.of(DatabaseConfig.RUN_LEASE_ENV, value);
        Path file = write("general_settings: {database_url: postgresql://app@db.example/assistants}\n");

        // when
        ConfigException withoutFile = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.defaults(env));
        ConfigException withFile = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, env));

        // then
        for (ConfigException e : new ConfigException[] {withoutFile, withFile}) {
            assertThat(e).isNotNull();
            assertThat(e.getMessage())
                    .contains("environment variable ASSISTANTS4J_RUN_LEASE_SECONDS")
                    .contains("whole number of seconds from 1 to 86400");
        }
    }

    @Test
    void the_longest_run_lease_is_a_day() {
        DatabaseConfig config = ConfigLoader.defaults(Map.of(DatabaseConfig.RUN_LEASE_ENV, "86400"))
                .database();

        assertThat(config.runLease()).isEqualTo(Duration.ofDays(1));
    }

    private Path write(String yaml) throws IOException {
        return ConfigFiles.write(dir, yaml);
    }
}
