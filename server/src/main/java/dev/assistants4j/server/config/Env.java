package dev.assistants4j.server.config;

import java.util.Map;
import java.util.Optional;

/**
 * Environment lookup for the config: the real environment first, then the file's {@code environment_variables} as
 * defaults. Empty values count as unset. Never prints values.
 */
final class Env {

    private final Map<String, String> real;
    private final Map<String, String> fileDefaults;

    Env(Map<String, String> real, Map<String, String> fileDefaults) {
        this.real = Map.copyOf(real);
        this.fileDefaults = Map.copyOf(fileDefaults);
    }

    /** The non-empty value of {@code name}, if any. */
    Optional<String> get(String name) {
        String value = real.get(name);
        if (value == null || value.isEmpty()) {
            value = fileDefaults.get(name);
        }
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public String toString() {
        return "Env[" + real.size() + " variables, " + fileDefaults.size() + " file defaults]";
    }
}
