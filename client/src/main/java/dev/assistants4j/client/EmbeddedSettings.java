package dev.assistants4j.client;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an in-process engine starts with: the server's config (a config.yaml file, or its text), the data dir that holds
 * its SQLite store and files, and the environment its config's {@code os.environ/…} references read.
 *
 * @param configFile a LiteLLM-style config.yaml; empty with {@code configYaml} empty: the server's defaults
 * @param configYaml the same config as text, used when {@code configFile} is empty
 * @param environment the variables config references and provider defaults read; the process's by default
 */
public record EmbeddedSettings(
        Optional<Path> configFile, Optional<String> configYaml, Path dataDir, Map<String, String> environment) {
    public EmbeddedSettings {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(configYaml, "configYaml");
        Objects.requireNonNull(dataDir, "dataDir");
        environment = Map.copyOf(environment);
    }
}
