package dev.assistants4j.server.config;

import java.util.List;
import java.util.Optional;

/**
 * The server's routing and auth settings, read from a LiteLLM-compatible {@code config.yaml} or from the environment
 * when there is no file.
 *
 * @param models the configured routes, in file order; empty when there is no file
 * @param masterKey the key every {@code /v1} request must carry, if set
 * @param fallback the route every model name takes when {@code models} is empty (no config file)
 * @param fileSearch how file_search embeds chunks
 * @param codeInterpreter the code_interpreter tool's settings
 * @param allowedOrigins the browser origins allowed to call the server (CORS): exact origins such as {@code
 *     https://app.example.com}, or {@link #ANY_ORIGIN}'s {@code *}; empty allows none
 */
public record ServerConfig(
        List<ModelRoute> models,
        Optional<String> masterKey,
        Optional<ModelRoute> fallback,
        FileSearchConfig fileSearch,
        CodeInterpreterConfig codeInterpreter,
        List<String> allowedOrigins) {

    /** {@code allowed_origins} when the config does not set it: every origin. */
    public static final List<String> ANY_ORIGIN = List.of("*");

    public ServerConfig {
        models = List.copyOf(models);
        allowedOrigins = List.copyOf(allowedOrigins);
        java.util.Objects.requireNonNull(fileSearch, "fileSearch");
        java.util.Objects.requireNonNull(codeInterpreter, "codeInterpreter");
    }

    /** A configuration with the local embedding model for file_search and the default code_interpreter. */
    public ServerConfig(List<ModelRoute> models, Optional<String> masterKey, Optional<ModelRoute> fallback) {
        this(models, masterKey, fallback, FileSearchConfig.LOCAL);
    }

    /** A configuration with the default code_interpreter settings. */
    public ServerConfig(
            List<ModelRoute> models,
            Optional<String> masterKey,
            Optional<ModelRoute> fallback,
            FileSearchConfig fileSearch) {
        this(models, masterKey, fallback, fileSearch, CodeInterpreterConfig.DEFAULTS);
    }

    /** A configuration that allows browsers of every origin. */
    public ServerConfig(
            List<ModelRoute> models,
            Optional<String> masterKey,
            Optional<ModelRoute> fallback,
            FileSearchConfig fileSearch,
            CodeInterpreterConfig codeInterpreter) {
        this(models, masterKey, fallback, fileSearch, codeInterpreter, ANY_ORIGIN);
    }

    /** The route for a requested model name, if the server can serve it. */
    public Optional<ModelRoute> route(String modelName) {
        for (ModelRoute route : models) {
            if (route.matches(modelName)) {
                return Optional.of(route);
            }
        }
        return models.isEmpty() ? fallback : Optional.empty();
    }

    /** Never prints the master key, only whether one is set. */
    @Override
    public String toString() {
        return "ServerConfig[models=" + models + ", masterKey=" + (masterKey.isPresent() ? "(set)" : "(none)")
                + ", fallback=" + fallback.map(ModelRoute::toString).orElse("(none)") + ", fileSearch=" + fileSearch
                + ", codeInterpreter=" + codeInterpreter + ", allowedOrigins=" + allowedOrigins + "]";
    }
}
