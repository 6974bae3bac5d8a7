package dev.assistants4j.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code assistant_settings.custom_llm_provider} with its {@code litellm_params}, as the catch-all route LiteLLM's
 * proxy gives its assistants endpoints. A parameter the file leaves out takes LiteLLM's environment variable for the
 * provider, so {@code custom_llm_provider: azure} alone works with {@code AZURE_API_BASE} and {@code AZURE_API_KEY}
 * set.
 */
record DefaultProvider(ConfigContext ctx, String provider, JsonNode params) {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultProvider.class);
    private static final String PATH = AssistantSettingsParser.SECTION + ".litellm_params";
    private static final Set<String> PARAM_KEYS = Set.of("api_base", "api_key", "api_version", "mock_response");

    ModelRoute route() {
        if (params != null) {
            params.properties().stream()
                    .map(Map.Entry::getKey)
                    .filter(key -> !PARAM_KEYS.contains(key))
                    .forEach(key -> LOG.debug("ignoring {}.{} (not used by assistants4j)", PATH, key));
        }
        Optional<String> apiBase = (params == null
                        ? Optional.<String>empty()
                        : ctx.optionalUrl(params, "api_base", PATH + ".api_base"))
                .or(this::environmentBase);
        if (provider.equals("azure") && apiBase.isEmpty()) {
            throw ctx.error(
                    PATH + ".api_base",
                    "is required with custom_llm_provider: azure (your resource's endpoint, e.g."
                            + " https://my-resource.openai.azure.com), or set AZURE_API_BASE");
        }
        return new ModelRoute(
                "*",
                provider,
                "*",
                apiBase,
                param("api_key").or(this::environmentKey),
                param("api_version").or(() -> environment("API_VERSION")),
                param("mock_response"),
                true);
    }

    private Optional<String> param(String key) {
        return params == null ? Optional.empty() : ctx.optionalNonBlank(params, key, PATH + "." + key);
    }

    /** The base URL variable of {@link ProviderDefaults}' table, else {@code <PROVIDER>_API_BASE}. */
    private Optional<String> environmentBase() {
        return ProviderDefaults.of(provider)
                .map(row -> row.baseFromEnvironment(ctx.env()))
                .orElseGet(() -> environment("API_BASE")
                        .map(url -> ConfigContext.httpUrl(url, "environment", variable("API_BASE"))));
    }

    /** The key variables of {@link ProviderDefaults}' table, else {@code <PROVIDER>_API_KEY}. */
    private Optional<String> environmentKey() {
        return ProviderDefaults.of(provider).map(row -> row.key(ctx.env())).orElseGet(() -> environment("API_KEY"));
    }

    /** LiteLLM's variable for the provider: {@code AZURE_API_KEY}, {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}. */
    private Optional<String> environment(String suffix) {
        return ctx.env().get(variable(suffix)).filter(value -> !value.isBlank());
    }

    private String variable(String suffix) {
        return provider.equals("openai") && suffix.equals("API_BASE")
                ? "OPENAI_BASE_URL"
                : provider.toUpperCase(Locale.ROOT).replace('-', '_') + "_" + suffix;
    }
}
