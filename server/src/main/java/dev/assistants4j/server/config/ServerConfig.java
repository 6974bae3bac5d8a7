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
 * @param allowedOrigins the browser origins allowed to call the server (CORS): exact origins such as {@code
 *     https://app.example.com}, {@code scheme://host:*} for any port, or {@link #ANY_ORIGIN}'s {@code *}; empty
 *     allows none
 * @param router how model names with several deployments or fallbacks are routed ({@code router_settings})
 */
public record ServerConfig(
        List<ModelRoute> models,
        Optional<String> masterKey,
        Optional<ModelRoute> fallback,
        FileSearchConfig fileSearch,
        CodeInterpreterConfig codeInterpreter,
        List<String> allowedOrigins,
        DatabaseConfig database,
        RouterSettings router) {

    /** Every origin: {@code allowed_origins} when the config does not set it and a master key is set. */
    public static final List<String> ANY_ORIGIN = List.of("*");

    /**
     * The pages of this machine, on any port: {@code allowed_origins} when the config sets neither it nor a master
     * key, so that a web page elsewhere cannot use a keyless server through the browser of someone who runs it.
     */
    public static final List<String> LOCAL_ORIGINS =
            List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*");

    public ServerConfig {
        models = List.copyOf(models);
        allowedOrigins = List.copyOf(allowedOrigins);
        java.util.Objects.requireNonNull(fileSearch, "fileSearch");
        java.util.Objects.requireNonNull(codeInterpreter, "codeInterpreter");
        java.util.Objects.requireNonNull(database, "database");
        java.util.Objects.requireNonNull(router, "router");
    }

    /** A configuration on the embedded database, with LiteLLM's default router settings. */
    public ServerConfig(
            List<ModelRoute> models,
            Optional<String> masterKey,
            Optional<ModelRoute> fallback,
            FileSearchConfig fileSearch,
            CodeInterpreterConfig codeInterpreter,
            List<String> allowedOrigins) {
        this(
                models,
                masterKey,
                fallback,
                fileSearch,
                codeInterpreter,
                allowedOrigins,
                DatabaseConfig.EMBEDDED,
                RouterSettings.DEFAULTS);
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

    /** A configuration with the default {@code allowed_origins} ({@link #defaultOrigins}). */
    public ServerConfig(
            List<ModelRoute> models,
            Optional<String> masterKey,
            Optional<ModelRoute> fallback,
            FileSearchConfig fileSearch,
            CodeInterpreterConfig codeInterpreter) {
        this(models, masterKey, fallback, fileSearch, codeInterpreter, defaultOrigins(masterKey));
    }

    /** Every origin when a master key protects the server, else only this machine's pages ({@link #LOCAL_ORIGINS}). */
    public static List<String> defaultOrigins(Optional<String> masterKey) {
        return masterKey.isPresent() ? ANY_ORIGIN : LOCAL_ORIGINS;
    }

    /** This configuration on another database. */
    public ServerConfig withDatabase(DatabaseConfig newDatabase) {
        return new ServerConfig(
                models, masterKey, fallback, fileSearch, codeInterpreter, allowedOrigins, newDatabase, router);
    }

    /** This configuration with other router settings. */
    public ServerConfig withRouter(RouterSettings newRouter) {
        return new ServerConfig(
                models, masterKey, fallback, fileSearch, codeInterpreter, allowedOrigins, database, newRouter);
    }

    /** The entries named exactly {@code modelName}, in file order: the deployments of that model. */
    public List<ModelRoute> deployments(String modelName) {
        return models.stream()
                .filter(route -> !route.isWildcard() && route.modelName().equals(modelName))
                .toList();
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
                + ", codeInterpreter=" + codeInterpreter + ", allowedOrigins=" + allowedOrigins + ", database="
                + database
                + ", router=" + router
                + "]";
    }
}
