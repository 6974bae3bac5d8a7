package dev.assistants4j.core.service;

import dev.assistants4j.core.access.Durations;
import dev.assistants4j.core.access.LimitFields;
import dev.assistants4j.core.error.InvalidRequestException;
import java.util.List;
import java.util.Map;

/**
 * The settings keys and teams share in LiteLLM's {@code /key/*} and {@code /team/*} bodies (models, budget, rate
 * limits, metadata, blocked), each a {@link Patch}; {@link KeySettings} and {@link TeamSettings} add their own.
 * Immutable.
 *
 * @param budgetDuration how often the spend starts again from zero
 */
public record LimitSettings(
        Patch<List<String>> models,
        Patch<Double> maxBudget,
        Patch<String> budgetDuration,
        Patch<Integer> rpmLimit,
        Patch<Integer> tpmLimit,
        Patch<Integer> maxParallelRequests,
        Patch<Map<String, Object>> metadata,
        Patch<Boolean> blocked) {

    /** Nothing set. */
    public static final LimitSettings NONE = new LimitSettings(
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep());

    /** A copy with {@code blocked} set. */
    public LimitSettings withBlocked(boolean block) {
        return new LimitSettings(
                models, maxBudget, budgetDuration, rpmLimit, tpmLimit, maxParallelRequests, metadata, Patch.of(block));
    }

    /** The fields of a key or a team once these settings are applied. */
    record Applied(
            List<String> models,
            Double maxBudget,
            String budgetDuration,
            Long budgetResetAt,
            Integer rpmLimit,
            Integer tpmLimit,
            Integer maxParallelRequests,
            Map<String, Object> metadata,
            boolean blocked)
            implements LimitFields {}

    /**
     * {@code current} changed by these settings at {@code now}, checked: a new budget duration starts a new budget
     * period, an unchanged one keeps its reset time.
     *
     * @throws InvalidRequestException naming the field that is out of range
     */
    Applied applyTo(LimitFields current, long now) {
        String duration = checkedDuration(budgetDuration.apply(current.budgetDuration()), "budget_duration");
        Long resetAt = duration == null
                ? null
                : duration.equals(current.budgetDuration()) && current.budgetResetAt() != null
                        ? current.budgetResetAt()
                        : now + Durations.parse(duration).toMillis();
        return new Applied(
                models.apply(current.models()),
                nonNegative(maxBudget.apply(current.maxBudget()), "max_budget"),
                duration,
                resetAt,
                atLeastZero(rpmLimit.apply(current.rpmLimit()), "rpm_limit"),
                atLeastZero(tpmLimit.apply(current.tpmLimit()), "tpm_limit"),
                atLeastZero(maxParallelRequests.apply(current.maxParallelRequests()), "max_parallel_requests"),
                metadata.apply(current.metadata()),
                Boolean.TRUE.equals(blocked.apply(current.blocked())));
    }

    /** {@code text}, after checking that it is a LiteLLM duration. */
    static String checkedDuration(String text, String param) {
        if (text == null) {
            return null;
        }
        try {
            Durations.parse(text);
            return text;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Invalid '" + param + "': " + e.getMessage(), param);
        }
    }

    private static Double nonNegative(Double value, String param) {
        if (value != null && (value < 0 || value.isNaN() || value.isInfinite())) {
            throw new InvalidRequestException("Invalid '" + param + "': it must be a number of at least 0.", param);
        }
        return value;
    }

    private static Integer atLeastZero(Integer value, String param) {
        if (value != null && value < 0) {
            throw new InvalidRequestException("Invalid '" + param + "': it must be at least 0.", param);
        }
        return value;
    }
}
