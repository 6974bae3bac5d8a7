package dev.assistants4j.core.service;

import java.util.List;
import java.util.Map;

/**
 * The settings LiteLLM's {@code /key/generate}, {@code /key/update} and {@code /key/regenerate} take, each a
 * {@link Patch}: on generate, {@link Patch.Keep} and {@link Patch.Clear} both leave a field unset.
 *
 * @param duration how long from now the key lives ({@code "30d"}); clearing it makes the key never expire
 * @param budgetDuration how often the key's spend starts again from zero
 */
public record KeySettings(
        Patch<String> keyAlias,
        Patch<String> teamId,
        Patch<List<String>> models,
        Patch<Double> maxBudget,
        Patch<String> budgetDuration,
        Patch<String> duration,
        Patch<Integer> rpmLimit,
        Patch<Integer> tpmLimit,
        Patch<Integer> maxParallelRequests,
        Patch<Map<String, Object>> metadata,
        Patch<Boolean> blocked) {

    /** Nothing set: a key with no alias, team or limits. */
    public static final KeySettings NONE = new KeySettings(
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep(),
            Patch.keep());

    /** A copy with {@code teamId} set. */
    public KeySettings withTeam(String team) {
        return with(keyAlias, Patch.of(team), blocked);
    }

    /** A copy with {@code blocked} set. */
    public KeySettings withBlocked(boolean block) {
        return with(keyAlias, teamId, Patch.of(block));
    }

    /** A copy with {@code keyAlias} set. */
    public KeySettings withAlias(String alias) {
        return with(Patch.of(alias), teamId, blocked);
    }

    private KeySettings with(Patch<String> alias, Patch<String> team, Patch<Boolean> block) {
        return new KeySettings(
                alias,
                team,
                models,
                maxBudget,
                budgetDuration,
                duration,
                rpmLimit,
                tpmLimit,
                maxParallelRequests,
                metadata,
                block);
    }
}
