package dev.assistants4j.core.access;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a key or a team may use, with LiteLLM's meaning for each field; an empty value sets no limit.
 *
 * @param models the model names it may call; empty means every model
 * @param maxBudget the most it may spend, in US dollars, per {@code budgetDuration} (or in all, without one)
 * @param budgetDuration how often its spend starts again from zero
 * @param rpmLimit model-calling requests per minute
 * @param tpmLimit tokens per minute
 * @param maxParallelRequests model-calling requests in flight at once
 */
public record Limits(
        List<String> models,
        Optional<BigDecimal> maxBudget,
        Optional<Duration> budgetDuration,
        Optional<Integer> rpmLimit,
        Optional<Integer> tpmLimit,
        Optional<Integer> maxParallelRequests) {

    /** No limit at all: the master key's. */
    public static final Limits NONE = new Limits(
            List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Limits {
        models = List.copyOf(models);
        Objects.requireNonNull(maxBudget, "maxBudget");
        Objects.requireNonNull(budgetDuration, "budgetDuration");
        Objects.requireNonNull(rpmLimit, "rpmLimit");
        Objects.requireNonNull(tpmLimit, "tpmLimit");
        Objects.requireNonNull(maxParallelRequests, "maxParallelRequests");
    }

    /** True when {@code model} is allowed: the list is empty or names it. */
    public boolean allowsModel(String model) {
        return models.isEmpty() || models.contains(model);
    }
}
