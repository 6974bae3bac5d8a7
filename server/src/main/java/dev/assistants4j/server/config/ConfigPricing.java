package dev.assistants4j.server.config;

import dev.assistants4j.core.access.Price;
import dev.assistants4j.core.access.Pricing;

/**
 * Prices model names as the config routes them: the {@code model_info} price of the name's {@code model_list} entry,
 * else the built-in list price of its upstream model, else of the name itself; a model neither knows costs nothing.
 * Thread-safe.
 */
public record ConfigPricing(ModelResolver resolver) implements Pricing {

    @Override
    public Price of(String model) {
        return resolver.resolve(model)
                .map(resolved -> resolved.route().price().orElseGet(() -> builtIn(resolved.upstreamModel(), model)))
                .orElseGet(() -> Pricing.BUILT_IN.of(model));
    }

    private static Price builtIn(String upstreamModel, String model) {
        Price upstream = Pricing.BUILT_IN.of(upstreamModel);
        return upstream.equals(Price.ZERO) ? Pricing.BUILT_IN.of(model) : upstream;
    }
}
