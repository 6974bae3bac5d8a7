package dev.assistants4j.server.config;

import java.util.List;
import java.util.Optional;

/**
 * The server's routing and auth settings, read from a LiteLLM-compatible {@code config.yaml} or from the environment
 * when there is no file.
 *
 * @param models the configured routes, in file order; empty when there is no file
 * @param masterKey the key every {@code /v1} request must carry, if set
 * @param fallback the route every model name takes when {@code models} is empty (no config file, or one without
 *     models)
 * @param fileSearch how file_search embeds chunks
 * @param codeInterpreter the code_interpreter tool's settings
 */
public record ServerConfig(
        List<ModelRoute> models,
        Optional<String> masterKey,
        Optional<ModelRoute> fallback,
        FileSearchConfig fileSearch,
        CodeInterpreterConfig codeInterpreter) {

    public ServerConfig {
        models = List.copyOf(models);
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

    /** The route for a requested model name, if the server can serve it ({@link ModelResolver}). */
    public Optional<ModelRoute> route(String modelName) {
        return resolve(modelName).map(ResolvedModel::route);
    }

    /** The route and upstream name for a requested model name, if the server can serve it. */
    public Optional<ResolvedModel> resolve(String modelName) {
        return resolver().resolve(modelName);
    }

    /** A resolver of these routes; build it once where names are resolved often. */
    public ModelResolver resolver() {
        return new ModelResolver(models, fallback);
    }

    /** Never prints the master key, only whether one is set. */
    @Override
    public String toString() {
        return "ServerConfig[models=" + models + ", masterKey=" + (masterKey.isPresent() ? "(set)" : "(none)")
                + ", fallback=" + fallback.map(ModelRoute::toString).orElse("(none)") + ", fileSearch=" + fileSearch
                + ", codeInterpreter=" + codeInterpreter + "]";
    }
}
