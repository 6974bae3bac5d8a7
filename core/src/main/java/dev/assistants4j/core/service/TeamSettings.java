package dev.assistants4j.core.service;

/**
 * The settings LiteLLM's {@code /team/new} and {@code /team/update} take, each a {@link Patch}: on create,
 * {@link Patch.Keep} and {@link Patch.Clear} both leave a field unset.
 *
 * @param limits what teams share with keys
 */
public record TeamSettings(Patch<String> teamAlias, LimitSettings limits) {

    /** Nothing set. */
    public static final TeamSettings NONE = new TeamSettings(Patch.keep(), LimitSettings.NONE);

    /** A copy with {@code teamAlias} set. */
    public TeamSettings withAlias(String alias) {
        return new TeamSettings(Patch.of(alias), limits);
    }
}
