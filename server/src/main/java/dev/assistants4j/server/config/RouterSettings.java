package dev.assistants4j.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How calls to a model name with several deployments, or with fallbacks, are routed: LiteLLM's {@code
 * router_settings} (and the same keys in {@code litellm_settings}). Defaults are LiteLLM's router defaults. Immutable.
 *
 * @param strategy how a deployment is picked ({@code routing_strategy})
 * @param numRetries how many more deployments of the group a failed call is tried on ({@code num_retries})
 * @param timeout the longest wait for a deployment's first answer event before trying another ({@code timeout}), or
 *     empty for the providers' own timeouts
 * @param fallbacks the model names tried, in order, when every tried deployment of a model failed ({@code fallbacks})
 * @param contextWindowFallbacks the model names tried when a model's prompt is too long for it ({@code
 *     context_window_fallbacks})
 * @param allowedFails how many failures a deployment may have within a minute before it is cooled down ({@code
 *     allowed_fails})
 * @param cooldownTime how long a cooled-down deployment gets no calls ({@code cooldown_time})
 */
public record RouterSettings(
        Strategy strategy,
        int numRetries,
        Optional<Duration> timeout,
        Map<String, List<String>> fallbacks,
        Map<String, List<String>> contextWindowFallbacks,
        int allowedFails,
        Duration cooldownTime) {

    /** LiteLLM's defaults: simple-shuffle, 2 retries, 3 allowed fails a minute, a 5 s cooldown, no fallbacks. */
    public static final RouterSettings DEFAULTS = new RouterSettings(
            Strategy.SIMPLE_SHUFFLE, 2, Optional.empty(), Map.of(), Map.of(), 3, Duration.ofSeconds(5));

    public RouterSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cooldownTime, "cooldownTime");
        fallbacks = Map.copyOf(fallbacks);
        contextWindowFallbacks = Map.copyOf(contextWindowFallbacks);
    }

    /** Whether {@code modelName} has fallbacks of either kind. */
    public boolean hasFallbacks(String modelName) {
        return fallbacks.containsKey(modelName) || contextWindowFallbacks.containsKey(modelName);
    }

    /** The routing strategies, by their LiteLLM names. */
    public enum Strategy {
        /** Weighted random: by {@code weight}, else {@code rpm}, else {@code tpm}, else uniform. */
        SIMPLE_SHUFFLE("simple-shuffle"),
        /** The deployment with the fewest calls in flight. */
        LEAST_BUSY("least-busy"),
        /** The deployment with the lowest recent time to its first answer event (moving average). */
        LATENCY_BASED("latency-based-routing");

        private final String configName;

        Strategy(String configName) {
            this.configName = configName;
        }

        /** The name in {@code routing_strategy}. */
        public String configName() {
            return configName;
        }

        /** The strategy named {@code name}, if there is one. */
        public static Optional<Strategy> named(String name) {
            for (Strategy strategy : values()) {
                if (strategy.configName.equals(name)) {
                    return Optional.of(strategy);
                }
            }
            return Optional.empty();
        }
    }
}
