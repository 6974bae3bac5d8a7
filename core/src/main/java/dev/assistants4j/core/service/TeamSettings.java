package dev.assistants4j.core.service;

import java.util.List;
import java.util.Map;

/**
 * The settings LiteLLM's {@code /team/new} and {@code /team/update} take, each a {@link Patch}: on create,
 * {@link Patch.Keep} and {@link Patch.Clear} both leave a field unset.
 */
public record TeamSettings(
        Patch<String> teamAlias,
        Patch<List<String>> models,
        Patch<Double> maxBudget,
        Patch<String> budgetDuration,
        Patch<Integer> rpmLimit,
        Patch<Integer> tpmLimit,
        Patch<Integer> maxParallelRequests,
        Patch<Map<String, Object>> metadata,
        Patch<Boolean> blocked) {

    /** Nothing set. */
    public static final TeamSettings NONE = new TeamSettings(
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep());

    /** A copy with {@code teamAlias} set. */
    public TeamSettings withAlias(String alias) {
        return new TeamSettings(
                Patch.of(alias),
                models,
                maxBudget,
                budgetDuration,
                rpmLimit,
                tpmLimit,
                maxParallelRequests,
                metadata,
                blocked);
    }
}
