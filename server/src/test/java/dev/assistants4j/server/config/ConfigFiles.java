package dev.assistants4j.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Config files for the loader's tests: written to a test's folder, and loads that must fail naming a key. */
final class ConfigFiles {

    private ConfigFiles() {}

    /** A new {@code config-*.yaml} in {@code dir} holding {@code yaml}. */
    static Path write(Path dir, String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "config-", ".yaml"), yaml);
    }

    /**
     * Asserts (as {@code label}) that loading {@code general_settings:} with the line {@code setting} fails with a
     * {@link ConfigException} whose key path and message name {@code keyPath}, and whose message says {@code problem}
     * and names the file.
     */
    static void assertGeneralSettingFails(Path dir, String label, String setting, String keyPath, String problem)
            throws IOException {
        // given
        Path file = write(dir, "general_settings:\n  " + setting + "\n");

        // when
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));

        // then
        assertThat(e).as(label).isNotNull();
        assertThat(e.keyPath()).contains(keyPath);
        assertThat(e.getMessage()).contains(keyPath).contains(problem).contains(file.toString());
    }
}
