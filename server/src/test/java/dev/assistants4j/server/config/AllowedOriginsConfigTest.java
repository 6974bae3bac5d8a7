package dev.assistants4j.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code general_settings.allowed_origins}: the browser origins allowed to call the server (CORS). */
class AllowedOriginsConfigTest {

    @TempDir
    Path dir;

    @Test
    void a_list_of_origins_is_read_as_browsers_write_them() throws IOException {
        // given
        Path file = write("""
                general_settings:
                  master_key: sk-master
                  allowed_origins:
                    - https://app.example.com
                    - HTTP://LocalHost:5173
                    - https://default-port.example.com:443
                    - os.environ/EXTRA_ORIGIN
                """);

        // when
        ServerConfig config = ConfigLoader.load(file, Map.of("EXTRA_ORIGIN", "chrome-extension://abcdef"));

        // then
        assertThat(config.allowedOrigins())
                .containsExactly(
                        "https://app.example.com",
                        "http://localhost:5173",
                        "https://default-port.example.com",
                        "chrome-extension://abcdef");
        assertThat(config.masterKey()).contains("sk-master");
    }

    @Test
    void star_and_an_empty_list_are_kept() throws IOException {
        // when
        ServerConfig any = ConfigLoader.load(write("general_settings: {allowed_origins: ['*']}\n"), Map.of());
        ServerConfig none = ConfigLoader.load(write("general_settings: {allowed_origins: []}\n"), Map.of());

        // then
        assertThat(any.allowedOrigins()).containsExactly("*");
        assertThat(none.allowedOrigins()).isEmpty();
    }

    @Test
    void absent_allows_every_origin_with_a_master_key_and_this_machines_pages_without() throws IOException {
        // when
        ServerConfig keyed = ConfigLoader.load(write("general_settings: {master_key: sk-m}\n"), Map.of());
        ServerConfig keyedByEnv = ConfigLoader.defaults(Map.of("ASSISTANTS4J_MASTER_KEY", "sk-env"));
        ServerConfig noSection = ConfigLoader.load(write("model_list: []\n"), Map.of());
        ServerConfig noFile = ConfigLoader.defaults(Map.of());

        // then
        assertThat(keyed.allowedOrigins()).isEqualTo(ServerConfig.ANY_ORIGIN);
        assertThat(keyedByEnv.allowedOrigins()).isEqualTo(ServerConfig.ANY_ORIGIN);
        assertThat(noSection.allowedOrigins()).isEqualTo(ServerConfig.LOCAL_ORIGINS);
        assertThat(noFile.allowedOrigins())
                .containsExactly("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*");
    }

    @Test
    void an_origin_may_allow_any_port() throws IOException {
        ServerConfig config = ConfigLoader.load(
                write(
                        "general_settings:\n  allowed_origins: [\"HTTP://LocalHost:*\", \"https://app.example.com:*\"]\n"),
                Map.of());

        assertThat(config.allowedOrigins()).containsExactly("http://localhost:*", "https://app.example.com:*");
        assertThatThrownBy(() -> ConfigLoader.load(
                        write("general_settings:\n  allowed_origins: [\"http://a.example:8080:*\"]\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("general_settings.allowed_origins[0]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "a string, not a list      | allowed_origins: https://app.example.com | general_settings.allowed_origins"
                        + " | must be a list of origins",
                "a mapping                 | allowed_origins: {a: b}                   | general_settings.allowed_origins"
                        + " | not a mapping",
                "a number in the list      | allowed_origins: [https://a.example, 5]   |"
                        + " general_settings.allowed_origins[1] | must be a string",
                "a trailing slash          | allowed_origins: ['https://a.example/']   |"
                        + " general_settings.allowed_origins[0] | no path or trailing slash",
                "a path                    | allowed_origins: ['https://a.example/app'] |"
                        + " general_settings.allowed_origins[0] | scheme://host[:port]",
                "no scheme                 | allowed_origins: [app.example.com]        |"
                        + " general_settings.allowed_origins[0] | must be * or an origin",
            })
    void a_wrong_value_fails_the_load_naming_the_key(String label, String setting, String keyPath, String problem)
            throws IOException {
        ConfigFiles.assertGeneralSettingFails(dir, label, setting, keyPath, problem);
    }

    private Path write(String yaml) throws IOException {
        return ConfigFiles.write(dir, yaml);
    }
}
