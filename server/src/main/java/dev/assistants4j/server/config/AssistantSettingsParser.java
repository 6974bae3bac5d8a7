package dev.assistants4j.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code assistant_settings}: LiteLLM's provider for the models {@code model_list} does not name, beside
 * assistants4j's own settings:
 *
 * <pre>{@code
 * assistant_settings:
 *   custom_llm_provider: azure                  # LiteLLM's keys: the provider of every other model name
 *   litellm_params:
 *     api_key: os.environ/AZURE_API_KEY
 *     api_base: os.environ/AZURE_API_BASE
 *     api_version: os.environ/AZURE_API_VERSION
 *   file_search:
 *     embedding_model: text-embedding-3-small   # a model_name of model_list; default: the local model
 *     embedding_dimensions: 1536                # required with embedding_model
 *   code_interpreter:                           # see CodeInterpreterConfig; these are the defaults
 *     enabled: true
 *     timeout_seconds: 60
 *     memory_mb: 1024
 *     idle_expiry_minutes: 20
 *     allow_unsandboxed_code_execution: false   # development only
 * }</pre>
 *
 * The provider becomes a catch-all route ({@code model_name: "*"}, {@code model: <provider>/*}) after the entries of
 * {@code model_list}: with Azure an assistant's model is the deployment, with {@code openai} an {@code openai/<name>}
 * runs as {@code <name>}. Unset {@code litellm_params} take LiteLLM's environment variables ({@code AZURE_API_KEY},
 * {@code AZURE_API_BASE}, {@code AZURE_API_VERSION}; {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}). Unknown keys
 * of assistants4j's own settings are errors (usually typos); other {@code litellm_params} are ignored, as in
 * {@code model_list}.
 */
final class AssistantSettingsParser {

    static final String SECTION = "assistant_settings";
    static final List<String> KEYS =
            List.of("custom_llm_provider", "litellm_params", "file_search", "code_interpreter");
    static final List<String> FILE_SEARCH_KEYS = List.of("embedding_model", "embedding_dimensions");
    static final int MAX_DIMENSIONS = 8192;

    private final ConfigContext ctx;

    AssistantSettingsParser(ConfigContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The route of every model name {@code model_list} does not name ({@code custom_llm_provider} with its {@code
     * litellm_params}), or empty when the section names no provider.
     */
    Optional<ModelRoute> defaultRoute(JsonNode root) {
        JsonNode settings = ctx.optionalMapping(root, SECTION, SECTION);
        if (settings == null) {
            return Optional.empty();
        }
        checkKeys(settings, SECTION, KEYS);
        Optional<String> named =
                ctx.optionalNonBlank(settings, "custom_llm_provider", SECTION + ".custom_llm_provider");
        JsonNode params = ctx.optionalMapping(settings, "litellm_params", SECTION + ".litellm_params");
        if (named.isEmpty() && params == null) {
            return Optional.empty();
        }
        String provider = named.orElse("openai");
        if (!ConfigLoader.PROVIDERS.contains(provider)) {
            throw ctx.error(
                    SECTION + ".custom_llm_provider",
                    "unknown provider '" + provider + "'; accepted providers: "
                            + String.join(", ", ConfigLoader.PROVIDERS));
        }
        return Optional.of(new DefaultProvider(ctx, provider, params).route());
    }

    /** The file_search settings; {@code models} are the parsed routes an embedding model must be one of. */
    FileSearchConfig fileSearch(JsonNode root, List<ModelRoute> models) {
        JsonNode settings = ctx.optionalMapping(root, SECTION, SECTION);
        if (settings == null) {
            return FileSearchConfig.LOCAL;
        }
        checkKeys(settings, SECTION, KEYS);
        String path = SECTION + ".file_search";
        JsonNode fileSearch = ctx.optionalMapping(settings, "file_search", path);
        if (fileSearch == null) {
            return FileSearchConfig.LOCAL;
        }
        checkKeys(fileSearch, path, FILE_SEARCH_KEYS);
        Optional<String> model = ctx.optionalNonBlank(fileSearch, "embedding_model", path + ".embedding_model");
        OptionalInt dimensions = dimensions(fileSearch, path + ".embedding_dimensions");
        if (model.isEmpty()) {
            if (dimensions.isPresent()) {
                throw ctx.error(path + ".embedding_dimensions", "is only used with embedding_model");
            }
            return FileSearchConfig.LOCAL;
        }
        requireEmbeddingRoute(model.get(), models, path + ".embedding_model");
        if (dimensions.isEmpty()) {
            throw ctx.error(
                    path + ".embedding_dimensions",
                    "is required with embedding_model (the length of its vectors, e.g. 1536 for"
                            + " text-embedding-3-small)");
        }
        return new FileSearchConfig(model, dimensions);
    }

    /** The code_interpreter settings ({@code assistant_settings.code_interpreter}). */
    CodeInterpreterConfig codeInterpreter(JsonNode root) {
        JsonNode settings = ctx.optionalMapping(root, SECTION, SECTION);
        if (settings == null) {
            return CodeInterpreterConfig.DEFAULTS;
        }
        checkKeys(settings, SECTION, KEYS);
        return CodeInterpreterConfigParser.parse(settings, SECTION + ".code_interpreter", ctx);
    }

    private void requireEmbeddingRoute(String model, List<ModelRoute> models, String path) {
        Optional<ModelRoute> route =
                new ModelResolver(models, Optional.empty()).resolve(model).map(ResolvedModel::route);
        if (route.isEmpty()) {
            throw ctx.error(path, "'" + model + "' is not a model_name of model_list");
        }
        if (route.get().provider().equals("mock")) {
            throw ctx.error(
                    path, "'" + model + "' routes to the mock provider, which has no embeddings for file_search");
        }
    }

    private OptionalInt dimensions(JsonNode parent, String path) {
        JsonNode node = parent.get("embedding_dimensions");
        if (ConfigContext.absent(parent, "embedding_dimensions")) {
            return OptionalInt.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw ctx.error(path, "must be a whole number, not " + ConfigContext.describe(node));
        }
        int value = node.intValue();
        if (value < 1 || value > MAX_DIMENSIONS) {
            throw ctx.error(path, "must be between 1 and " + MAX_DIMENSIONS);
        }
        return OptionalInt.of(value);
    }

    private void checkKeys(JsonNode mapping, String path, List<String> accepted) {
        for (Map.Entry<String, JsonNode> field : mapping.properties()) {
            if (!accepted.contains(field.getKey())) {
                throw ctx.error(
                        path + "." + field.getKey(), "unknown key; accepted keys: " + String.join(", ", accepted));
            }
        }
    }
}
