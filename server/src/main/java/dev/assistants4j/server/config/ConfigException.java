package dev.assistants4j.server.config;

import java.util.Optional;

/**
 * A configuration problem the server cannot start with. The message names where the problem is (the config file or
 * the environment) and, when there is one, the exact key path such as {@code model_list[1].litellm_params.model}. It
 * never contains secret values such as API keys or the master key.
 */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final String keyPath;

    private ConfigException(String source, String keyPath, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
        this.keyPath = keyPath;
    }

    /** A problem with the value at {@code keyPath} in {@code source} (a file path, or {@code environment}). */
    static ConfigException at(String source, String keyPath, String problem) {
        return new ConfigException(
                source, keyPath, "config error in " + source + " at " + keyPath + ": " + problem, null);
    }

    /** A problem with the file as a whole (missing, unreadable, not YAML); {@code cause} may be null. */
    static ConfigException inFile(String source, String message, Throwable cause) {
        return new ConfigException(source, null, message, cause);
    }

    /** Where the problem is: the config file's path, or {@code environment} for environment variables. */
    public String source() {
        return source;
    }

    /** The offending key path, for example {@code model_list[0].model_name}; empty for whole-file problems. */
    public Optional<String> keyPath() {
        return Optional.ofNullable(keyPath);
    }
}
