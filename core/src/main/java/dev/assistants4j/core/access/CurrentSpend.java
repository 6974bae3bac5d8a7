package dev.assistants4j.core.access;

import java.time.Instant;
import java.util.Optional;

/**
 * What a key or team spent in its current budget period, in US dollars, and when that period ends (LiteLLM's {@code
 * spend} and {@code budget_reset_at}; no reset without a {@code budget_duration}).
 */
public record CurrentSpend(double spend, Optional<Instant> budgetResetAt) {

    public static final CurrentSpend NONE = new CurrentSpend(0, Optional.empty());
}
