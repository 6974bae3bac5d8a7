package dev.assistants4j.core.access;

import java.util.Objects;

/**
 * Whose spend and rates are counted: a key (by its stable id) or a team.
 *
 * @param kind {@link #KEY} or {@link #TEAM}
 */
public record SpendSubject(String kind, String id) {

    public static final String KEY = "key";
    public static final String TEAM = "team";

    public SpendSubject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static SpendSubject key(String keyId) {
        return new SpendSubject(KEY, keyId);
    }

    public static SpendSubject team(String teamId) {
        return new SpendSubject(TEAM, teamId);
    }

    public boolean team() {
        return kind.equals(TEAM);
    }
}
