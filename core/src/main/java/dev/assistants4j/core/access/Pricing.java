package dev.assistants4j.core.access;

/** The price of a model name as clients send it. Thread-safe. */
@FunctionalInterface
public interface Pricing {

    /** The built-in list prices ({@link BuiltInPrices}); {@link Price#ZERO} for a model it does not know. */
    Pricing BUILT_IN = model -> BuiltInPrices.find(model).orElse(Price.ZERO);

    Price of(String model);
}
