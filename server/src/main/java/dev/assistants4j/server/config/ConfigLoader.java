package dev.assistants4j.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the server's {@link ServerConfig} from a LiteLLM-compatible {@code config.yaml}, or from the environment alone.
 *
 * <p>Supported: {@code model_list} entries with {@code model_name} and {@code litellm_params} ({@code model} with a
 * provider prefix, {@code api_base}, {@code api_key}, {@code api_version}), {@code general_settings.master_key},
 * {@code general_settings.allowed_origins} ({@link AllowedOriginsParser}) and {@code environment_variables}. Other
 * LiteLLM sections and keys are accepted and ignored. Values written as {@code os.environ/NAME} are read from the
 * environment, then from {@code environment_variables}. Duplicate {@code model_name}s are deployments of one model,
 * load-balanced as LiteLLM's router does ({@link RouterSettingsParser}); {@link ServerConfig#route} takes the first.
 * {@code assistant_settings} holds assistants4j's own settings ({@link AssistantSettingsParser}).
 *
 * <p>{@code assistant_settings.custom_llm_provider} and its {@code litellm_params} add a catch-all route after
 * {@code model_list}. Which route a requested name takes, and the name sent upstream, is {@link ModelResolver}'s
 * business.
 */
public final class ConfigLoader {

    /** Provider prefixes accepted in {@code litellm_params.model}, as in {@code openai/gpt-4o}. */
    public static final List<String> PROVIDERS = List.of(
            "openai",
            "azure",
            "anthropic",
            "gemini",
            "ollama",
            "ollama_chat",
            "hosted_vllm",
            "vllm",
            "groq",
            "deepseek",
            "mistral",
            "openrouter",
            "together_ai",
            "fireworks_ai",
            "xai",
            "lm_studio",
            "text-completion-openai",
            "custom_openai",
            "mock");

    /**
     * Top-level keys a config file may have; any other key is an error (usually a typo). LiteLLM's sections that
     * assistants4j has no use for ({@code files_settings}, {@code guardrails}, …) are accepted and ignored, so a
     * LiteLLM proxy's file loads as it is.
     */
    public static final List<String> TOP_LEVEL_KEYS = List.of(
            "model_list",
            "general_settings",
            "litellm_settings",
            "router_settings",
            "environment_variables",
            "assistant_settings",
            "files_settings",
            "finetune_settings",
            "credential_list",
            "guardrails",
            "callback_settings",
            "mcp_servers");

    /** Environment variable for the master key when the config file does not set one. */
    /** The keys of {@code general_settings} assistants4j reads; it ignores LiteLLM's others. */
    private static final List<String> USED_GENERAL_SETTINGS = List.of(
            "master_key",
            "allowed_origins",
            "database_url",
            "database_connection_pool_limit",
            "database_connection_timeout");

    public static final String MASTER_KEY_ENV = "ASSISTANTS4J_MASTER_KEY";

    /** Upstream base URL of the fallback route when {@code OPENAI_BASE_URL} is not set. */
    public static final String DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private ConfigLoader() {}

    /**
     * Reads and validates {@code file}, resolving {@code os.environ/} references against {@code env}. When the file
     * has no models, the result falls back to {@link #defaults}' route, keeping the file's master key.
     *
     * @throws ConfigException if the file is missing, is not valid YAML, or has an invalid or unknown key
     */
    public static ServerConfig load(Path file, Map<String, String> env) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(env, "env");
        return load(YamlFile.read(file), file.toString(), env);
    }

    /**
     * Reads and validates config text, as {@link #load(Path, Map)} reads a file; {@code source} names it in errors.
     */
    public static ServerConfig parse(String yaml, String source, Map<String, String> env) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(env, "env");
        return load(YamlFile.parse(yaml, source), source, env);
    }

    private static ServerConfig load(ObjectNode root, String source, Map<String, String> env) {
        checkTopLevelKeys(root, source);
        ConfigContext ctx = new ConfigContext(source, new Env(env, environmentVariables(root, source)));
        Optional<String> masterKey = masterKey(root, ctx).or(() -> ctx.env().get(MASTER_KEY_ENV));
        AssistantSettingsParser settings = new AssistantSettingsParser(ctx);
        List<ModelRoute> models = new ArrayList<>(new ModelListParser(ctx).parse(root));
        settings.defaultRoute(root).ifPresent(models::add); // after model_list: it takes the names model_list lacks
        Optional<ModelRoute> fallback = models.isEmpty() ? Optional.of(fallbackRoute(ctx.env())) : Optional.empty();
        FileSearchConfig fileSearch = settings.fileSearch(root, models);
        CodeInterpreterConfig codeInterpreter = settings.codeInterpreter(root);
        JsonNode general = ctx.optionalMapping(root, "general_settings", "general_settings");
        List<String> allowedOrigins = Optional.ofNullable(AllowedOriginsParser.parse(general, ctx))
                .orElseGet(() -> ServerConfig.defaultOrigins(masterKey));
        DatabaseConfig database = DatabaseConfigParser.parse(general, ctx);
        RouterSettings router = RouterSettingsParser.parse(root, ctx);
        return new ServerConfig(
                models, masterKey, fallback, fileSearch, codeInterpreter, allowedOrigins, database, router);
    }

    /**
     * The configuration without a file: no models, the master key from {@value #MASTER_KEY_ENV} if set, and a
     * fallback route sending every model name, unchanged, to OpenAI at {@code OPENAI_BASE_URL} (default
     * {@value #DEFAULT_OPENAI_BASE_URL}) with {@code OPENAI_API_KEY} if set.
     *
     * @throws ConfigException if {@code OPENAI_BASE_URL} is set but is not an http(s) URL
     */
    public static ServerConfig defaults(Map<String, String> env) {
        Env lookup = new Env(Objects.requireNonNull(env, "env"), Map.of());
        Optional<String> masterKey = lookup.get(MASTER_KEY_ENV);
        DatabaseConfig database = DatabaseConfigParser.fromEnvOnly(new ConfigContext("environment", lookup));
        return new ServerConfig(List.of(), masterKey, Optional.of(fallbackRoute(lookup))).withDatabase(database);
    }

    private static ModelRoute fallbackRoute(Env env) {
        String apiBase = env.get("OPENAI_BASE_URL")
                .map(url -> ConfigContext.httpUrl(url, "environment", "OPENAI_BASE_URL"))
                .orElse(DEFAULT_OPENAI_BASE_URL);
        return new ModelRoute("*", "openai", "*", Optional.of(apiBase), env.get("OPENAI_API_KEY"), Optional.empty());
    }

    private static void checkTopLevelKeys(JsonNode root, String source) {
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!TOP_LEVEL_KEYS.contains(field.getKey())) {
                throw ConfigException.at(
                        source,
                        field.getKey(),
                        "unknown top-level key; accepted top-level keys: " + String.join(", ", TOP_LEVEL_KEYS));
            }
        }
    }

    /** The file's {@code environment_variables}, used as defaults under the real environment. */
    private static Map<String, String> environmentVariables(JsonNode root, String source) {
        ConfigContext plain = new ConfigContext(source, new Env(Map.of(), Map.of()));
        JsonNode vars = plain.optionalMapping(root, "environment_variables", "environment_variables");
        Map<String, String> result = new LinkedHashMap<>();
        if (vars == null) {
            return result;
        }
        for (Map.Entry<String, JsonNode> field : vars.properties()) {
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                throw plain.error(
                        "environment_variables." + field.getKey(),
                        "must be a single value, not " + ConfigContext.describe(value));
            }
            if (!value.isNull()) {
                result.put(field.getKey(), value.asText());
            }
        }
        return result;
    }

    private static Optional<String> masterKey(JsonNode root, ConfigContext ctx) {
        JsonNode general = ctx.optionalMapping(root, "general_settings", "general_settings");
        if (general == null) {
            return Optional.empty();
        }
        Optional<String> key = ctx.optionalString(general, "master_key", "general_settings.master_key");
        if (key.isPresent() && key.get().isBlank()) {
            throw ctx.error("general_settings.master_key", "must not be blank; remove it to run without a key");
        }
        general.properties().stream()
                .map(Map.Entry::getKey)
                .filter(name -> !USED_GENERAL_SETTINGS.contains(name))
                .forEach(name -> LOG.debug("ignoring general_settings.{} (not used by assistants4j)", name));
        return key;
    }
}
