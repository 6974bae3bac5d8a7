package dev.assistants4j.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.config.RouterSettings.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link RouterSettings} from {@code router_settings}, then, for the keys it lacks, {@code litellm_settings}
 * (LiteLLM takes {@code num_retries}, {@code fallbacks} and the others in either). Every error names the key.
 * Stateless.
 */
final class RouterSettingsParser {

    private static final Logger LOG = LoggerFactory.getLogger(RouterSettingsParser.class);

    /**
     * LiteLLM's strategies that count usage or cost across its Redis: LiteLLM configs name them, so they load, served by
     * the shuffle weighted by the deployments' {@code rpm}/{@code tpm} (what they balance on), with a warning.
     */
    private static final Set<String> SHUFFLED_INSTEAD =
            Set.of("usage-based-routing", "usage-based-routing-v2", "cost-based-routing");

    private static final String ROUTER = "router_settings";
    private static final String LITELLM = "litellm_settings";

    private final ConfigContext ctx;
    private final JsonNode router;
    private final JsonNode litellm;

    private RouterSettingsParser(ConfigContext ctx, JsonNode root) {
        this.ctx = ctx;
        this.router = ctx.optionalMapping(root, ROUTER, ROUTER);
        this.litellm = ctx.optionalMapping(root, LITELLM, LITELLM);
    }

    static RouterSettings parse(JsonNode root, ConfigContext ctx) {
        return new RouterSettingsParser(ctx, root).settings();
    }

    private RouterSettings settings() {
        RouterSettings d = RouterSettings.DEFAULTS;
        return new RouterSettings(
                strategy(),
                (int) count("num_retries", d.numRetries()),
                seconds("timeout", false).map(RouterSettingsParser::duration),
                fallbacks("fallbacks"),
                fallbacks("context_window_fallbacks"),
                (int) count("allowed_fails", d.allowedFails()),
                seconds("cooldown_time", true)
                        .map(RouterSettingsParser::duration)
                        .orElse(d.cooldownTime()));
    }

    private Strategy strategy() {
        Optional<Located> found = find("routing_strategy");
        if (found.isEmpty()) {
            return RouterSettings.DEFAULTS.strategy();
        }
        Located at = found.get();
        String name =
                ctx.optionalString(at.parent(), "routing_strategy", at.path()).orElse("");
        if (SHUFFLED_INSTEAD.contains(name.trim())) {
            LOG.warn(
                    "{}: LiteLLM's '{}' is served as simple-shuffle weighted by each deployment's rpm/tpm",
                    at.path(),
                    name.trim());
            return Strategy.SIMPLE_SHUFFLE;
        }
        return Strategy.named(name.trim())
                .orElseThrow(() -> ctx.error(
                        at.path(),
                        "unknown routing strategy '" + name + "'; accepted: "
                                + String.join(
                                        ", ",
                                        Arrays.stream(Strategy.values())
                                                .map(Strategy::configName)
                                                .toList())));
    }

    private long count(String key, int fallback) {
        Optional<Located> found = find(key);
        if (found.isEmpty()) {
            return fallback;
        }
        Located at = found.get();
        double value = ctx.optionalNumber(at.parent(), key, at.path()).orElse(fallback);
        if (value < 0 || value != Math.rint(value) || value > 1_000) {
            throw ctx.error(at.path(), "must be a whole number from 0 to 1000, not " + at.node());
        }
        return (long) value;
    }

    private Optional<Double> seconds(String key, boolean zeroAllowed) {
        Optional<Located> found = find(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Located at = found.get();
        OptionalDouble value = ctx.optionalNumber(at.parent(), key, at.path());
        double seconds = value.orElse(-1);
        if (seconds < 0 || (!zeroAllowed && seconds == 0) || seconds > 86_400) {
            throw ctx.error(
                    at.path(),
                    "must be a number of seconds " + (zeroAllowed ? "from 0" : "above 0") + " up to 86400, not "
                            + at.node());
        }
        return Optional.of(seconds);
    }

    /** LiteLLM's {@code [{"model-a": ["model-b", "model-c"]}, ...]}; a single name may stand for its list. */
    private Map<String, List<String>> fallbacks(String key) {
        Optional<Located> found = find(key);
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (found.isEmpty()) {
            return result;
        }
        JsonNode list = found.get().node();
        String path = found.get().path();
        if (!list.isArray()) {
            throw ctx.error(
                    path, "must be a list like [{\"model-a\": [\"model-b\"]}], not " + ConfigContext.describe(list));
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String entryPath = path + "[" + i + "]";
            if (!entry.isObject() || entry.isEmpty()) {
                throw ctx.error(
                        entryPath,
                        "must be a mapping like {\"model-a\": [\"model-b\"]}, not " + ConfigContext.describe(entry));
            }
            entry.properties()
                    .forEach(field ->
                            result.put(field.getKey(), names(field.getValue(), entryPath + "." + field.getKey())));
        }
        return result;
    }

    private List<String> names(JsonNode value, String path) {
        List<String> names = new ArrayList<>();
        if (value.isTextual() && !value.textValue().isBlank()) {
            names.add(value.textValue());
            return names;
        }
        if (value.isArray()) {
            for (JsonNode name : value) {
                if (!name.isTextual() || name.textValue().isBlank()) {
                    throw ctx.error(path, "must list model names, not " + ConfigContext.describe(name));
                }
                names.add(name.textValue());
            }
            return names;
        }
        throw ctx.error(path, "must be a list of model names, not " + ConfigContext.describe(value));
    }

    /** Where {@code key} is set: {@code router_settings} first, then {@code litellm_settings}. */
    private Optional<Located> find(String key) {
        if (router != null && !ConfigContext.absent(router, key)) {
            return Optional.of(new Located(router, router.get(key), ROUTER + "." + key));
        }
        if (litellm != null && !ConfigContext.absent(litellm, key)) {
            return Optional.of(new Located(litellm, litellm.get(key), LITELLM + "." + key));
        }
        return Optional.empty();
    }

    private static Duration duration(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** A key found in one of the two sections. */
    private record Located(JsonNode parent, JsonNode node, String path) {}
}
