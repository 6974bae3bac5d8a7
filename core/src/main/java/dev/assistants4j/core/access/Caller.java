package dev.assistants4j.core.access;

import java.util.Objects;
import java.util.Optional;

/**
 * Who makes a request: the project whose objects it sees and creates, and the key and team whose limits apply.
 *
 * <p>A team is a project: every key of a team shares the team's objects. A key without a team has a project of its
 * own. The master key has no stored key and no limits; its project is the default one unless a request names another.
 *
 * @param projectId the project the request acts in
 * @param keyId the stable id of the stored key (it survives {@code /key/regenerate}); empty for the master key
 * @param teamId the team of the key, if it has one
 * @param admin true for the master key: it may call the admin API and act in any project
 * @param keyLimits what the key's own settings allow
 * @param teamLimits what the key's team allows ({@link Limits#NONE} without a team)
 */
public record Caller(
        String projectId,
        Optional<String> keyId,
        Optional<String> teamId,
        boolean admin,
        Limits keyLimits,
        Limits teamLimits) {

    /** The project that owns what was created with the master key, and everything from before keys had projects. */
    public static final String DEFAULT_PROJECT = "proj_default";

    public Caller {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(keyLimits, "keyLimits");
        Objects.requireNonNull(teamLimits, "teamLimits");
    }

    /** The master key (or no key, on a server without one), acting in {@code projectId}. */
    public static Caller master(String projectId) {
        return new Caller(projectId, Optional.empty(), Optional.empty(), true, Limits.NONE, Limits.NONE);
    }

    /** True when both the key and its team allow {@code model}. */
    public boolean allowsModel(String model) {
        return keyLimits.allowsModel(model) && teamLimits.allowsModel(model);
    }
}
