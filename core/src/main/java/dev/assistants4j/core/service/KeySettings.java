package dev.assistants4j.core.service;

/**
 * The settings LiteLLM's {@code /key/generate}, {@code /key/update} and {@code /key/regenerate} take, each a
 * {@link Patch}: on generate, {@link Patch.Keep} and {@link Patch.Clear} both leave a field unset.
 *
 * @param duration how long from now the key lives ({@code "30d"}); clearing it makes the key never expire
 * @param limits what keys share with teams
 */
public record KeySettings(Patch<String> keyAlias, Patch<String> teamId, Patch<String> duration, LimitSettings limits) {

    /** Nothing set: a key with no alias, team or limits. */
    public static final KeySettings NONE =
            new KeySettings(Patch.keep(), Patch.keep(), Patch.keep(), LimitSettings.NONE);

    /** A copy with {@code teamId} set. */
    public KeySettings withTeam(String team) {
        return new KeySettings(keyAlias, Patch.of(team), duration, limits);
    }

    /** A copy with {@code blocked} set. */
    public KeySettings withBlocked(boolean block) {
        return new KeySettings(keyAlias, teamId, duration, limits.withBlocked(block));
    }

    /** A copy with {@code keyAlias} set. */
    public KeySettings withAlias(String alias) {
        return new KeySettings(Patch.of(alias), teamId, duration, limits);
    }
}
