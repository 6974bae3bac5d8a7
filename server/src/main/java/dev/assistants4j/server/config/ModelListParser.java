package dev.assistants4j.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.access.Price;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns LiteLLM's {@code model_list} into {@link ModelRoute}s, naming the exact key on every error. */
final class ModelListParser {

    private static final Logger LOG = LoggerFactory.getLogger(ModelListParser.class);
    private static final Set<String> ENTRY_KEYS = Set.of("model_name", "litellm_params", "model_info", "rpm", "tpm");
    private static final Set<String> PARAM_KEYS =
            Set.of("model", "api_base", "api_key", "api_version", "mock_response", "weight", "rpm", "tpm");
    private static final Set<String> INFO_KEYS =
            Set.of("supports_vision", "input_cost_per_token", "output_cost_per_token");

    private final ConfigContext ctx;

    ModelListParser(ConfigContext ctx) {
        this.ctx = ctx;
    }

    /** The routes in file order; empty when {@code model_list} is absent or empty. */
    List<ModelRoute> parse(JsonNode root) {
        if (ConfigContext.absent(root, "model_list")) {
            return List.of();
        }
        JsonNode list = root.get("model_list");
        if (!list.isArray()) {
            throw ctx.error(
                    "model_list",
                    "must be a list of entries (each starting with '- model_name:'), not "
                            + ConfigContext.describe(list));
        }
        List<ModelRoute> routes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            routes.add(entry(list.get(i), "model_list[" + i + "]"));
        }
        return routes;
    }

    private ModelRoute entry(JsonNode entry, String path) {
        if (!entry.isObject()) {
            throw ctx.error(
                    path, "must be a mapping with model_name and litellm_params, not " + ConfigContext.describe(entry));
        }
        logIgnored(entry, ENTRY_KEYS, path);
        String modelName = modelName(entry, path + ".model_name");
        JsonNode params = ctx.optionalMapping(entry, "litellm_params", path + ".litellm_params");
        if (params == null) {
            throw ctx.error(path + ".litellm_params", "is required (it holds model, api_base, api_key, ...)");
        }
        String paramsPath = path + ".litellm_params";
        logIgnored(params, PARAM_KEYS, paramsPath);
        ProviderModel target = providerAndModel(params, paramsPath + ".model");
        JsonNode info = ctx.optionalMapping(entry, "model_info", path + ".model_info");
        if (info != null) {
            logIgnored(info, INFO_KEYS, path + ".model_info");
        }
        Optional<ProviderDefaults> defaults = ProviderDefaults.of(target.provider());
        return new ModelRoute(
                modelName,
                target.provider(),
                target.model(),
                apiBase(params, paramsPath, target.provider(), defaults),
                ctx.optionalNonBlank(params, "api_key", paramsPath + ".api_key")
                        .or(() -> defaults.flatMap(row -> row.key(ctx.env()))),
                ctx.optionalNonBlank(params, "api_version", paramsPath + ".api_version"),
                ctx.optionalNonBlank(params, "mock_response", paramsPath + ".mock_response"),
                info == null
                        || ctx.optionalBoolean(info, "supports_vision", path + ".model_info.supports_vision", true),
                price(info, path + ".model_info"),
                weight(entry, params, path));
    }

    /** {@code weight}, {@code rpm} and {@code tpm} from {@code litellm_params}, or rpm and tpm from the entry. */
    private DeploymentWeight weight(JsonNode entry, JsonNode params, String path) {
        String paramsPath = path + ".litellm_params.";
        java.util.OptionalDouble weight = positive(params, "weight", paramsPath + "weight");
        java.util.OptionalDouble rpm = positive(params, "rpm", paramsPath + "rpm");
        java.util.OptionalDouble tpm = positive(params, "tpm", paramsPath + "tpm");
        if (rpm.isEmpty()) {
            rpm = positive(entry, "rpm", path + ".rpm");
        }
        if (tpm.isEmpty()) {
            tpm = positive(entry, "tpm", path + ".tpm");
        }
        return new DeploymentWeight(weight, whole(rpm), whole(tpm));
    }

    private java.util.OptionalDouble positive(JsonNode parent, String key, String path) {
        java.util.OptionalDouble value = ctx.optionalNumber(parent, key, path);
        if (value.isPresent() && !(value.getAsDouble() >= 0)) {
            throw ctx.error(path, "must be a number of at least 0, not " + value.getAsDouble());
        }
        return value;
    }

    private static java.util.OptionalLong whole(java.util.OptionalDouble value) {
        return value.isPresent()
                ? java.util.OptionalLong.of((long) value.getAsDouble())
                : java.util.OptionalLong.empty();
    }

    /** LiteLLM's {@code input_cost_per_token} and {@code output_cost_per_token} (either may be left out: 0). */
    private Optional<Price> price(JsonNode info, String path) {
        if (info == null || (!info.has("input_cost_per_token") && !info.has("output_cost_per_token"))) {
            return Optional.empty();
        }
        return Optional.of(
                new Price(cost(info, "input_cost_per_token", path), cost(info, "output_cost_per_token", path)));
    }

    private double cost(JsonNode info, String key, String path) {
        JsonNode value = info.get(key);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber() || value.doubleValue() < 0) {
            throw ctx.error(
                    path + "." + key,
                    "must be a number of US dollars per token, e.g. 0.0000025, not " + ConfigContext.describe(value));
        }
        return value.doubleValue();
    }

    /**
     * The entry's {@code api_base}, else its provider's variable ({@link ProviderDefaults}; without either, requests
     * go to the provider's default endpoint). {@code hosted_vllm} has no default, so it needs one of the two.
     */
    private Optional<String> apiBase(
            JsonNode params, String paramsPath, String provider, Optional<ProviderDefaults> defaults) {
        Optional<String> apiBase = ctx.optionalUrl(params, "api_base", paramsPath + ".api_base")
                .or(() -> defaults.flatMap(row -> row.baseFromEnvironment(ctx.env())));
        if (apiBase.isEmpty() && provider.equals("hosted_vllm")) {
            throw ctx.error(
                    paramsPath + ".api_base",
                    "is required with hosted_vllm/ (your vLLM server, e.g. http://localhost:8000/v1), or set"
                            + " HOSTED_VLLM_API_BASE");
        }
        return apiBase;
    }

    private String modelName(JsonNode entry, String path) {
        JsonNode node = entry.get("model_name");
        if (node != null && !node.isNull() && !node.isTextual()) {
            throw ctx.error(path, "must be a string, not " + ConfigContext.describe(node) + " (quote the value)");
        }
        if (node == null || node.isNull() || node.textValue().isBlank()) {
            throw ctx.error(path, "is required: the model name clients send, or \"*\" for any name");
        }
        return node.textValue();
    }

    /** Splits {@code provider/model} at the first slash and checks the provider. */
    private ProviderModel providerAndModel(JsonNode params, String path) {
        String model = ctx.requiredString(params, "model", path);
        int slash = model.indexOf('/');
        if (slash < 0) {
            throw ctx.error(
                    path,
                    "'" + model + "' has no provider prefix; write it as 'openai/" + model + "' (or another provider: "
                            + String.join(", ", ConfigLoader.PROVIDERS) + ")");
        }
        String provider = model.substring(0, slash);
        String upstream = model.substring(slash + 1);
        if (!ConfigLoader.PROVIDERS.contains(provider)) {
            throw ctx.error(
                    path,
                    "unknown provider '" + provider + "' in '" + model + "'; accepted providers: "
                            + String.join(", ", ConfigLoader.PROVIDERS));
        }
        if (upstream.isBlank()) {
            throw ctx.error(path, "'" + model + "' has no model after the provider prefix, for example openai/gpt-4o");
        }
        return new ProviderModel(provider, upstream);
    }

    private static void logIgnored(JsonNode node, Set<String> known, String path) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        node.properties().stream()
                .map(Map.Entry::getKey)
                .filter(key -> !known.contains(key))
                .forEach(key -> LOG.debug("ignoring {}.{} (not used by assistants4j)", path, key));
    }

    private record ProviderModel(String provider, String model) {}
}
