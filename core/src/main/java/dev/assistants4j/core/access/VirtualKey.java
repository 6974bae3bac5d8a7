package dev.assistants4j.core.access;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stored virtual key, with LiteLLM's fields (nullable ones unset). The key itself is never stored: only its hash.
 *
 * @param id the stable id of the key: it survives {@code /key/regenerate}, and a key without a team owns the project
 *     {@code "key-" + id}
 * @param token the SHA-256 of the key ({@link ApiKeys#hash}), LiteLLM's {@code token}
 * @param keyName the key as shown once stored ({@code sk-...abcd})
 * @param teamId the team whose project the key acts in, if any
 * @param models the model names it may call; empty: all
 * @param maxBudget US dollars per {@code budgetDuration} (or in all)
 * @param budgetDuration LiteLLM's duration text, such as {@code "30d"} ({@link Durations})
 * @param budgetResetAt epoch milliseconds of the next budget reset
 * @param expires epoch milliseconds after which the key is refused
 * @param createdAt epoch milliseconds
 * @param updatedAt epoch milliseconds
 */
public record VirtualKey(
        String id,
        String token,
        String keyName,
        String keyAlias,
        String teamId,
        List<String> models,
        Double maxBudget,
        String budgetDuration,
        Long budgetResetAt,
        Long expires,
        Integer rpmLimit,
        Integer tpmLimit,
        Integer maxParallelRequests,
        Map<String, Object> metadata,
        boolean blocked,
        long createdAt,
        long updatedAt)
        implements LimitFields {

    /** What a key without a team owns its project as: this and the key's id. */
    public static final String PROJECT_PREFIX = "key-";

    public VirtualKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(keyName, "keyName");
        models = models == null ? List.of() : List.copyOf(models);
        metadata = copyOf(metadata);
    }

    /** The project the key acts in: its team's, else one of its own. */
    public String projectId() {
        return teamId != null ? teamId : PROJECT_PREFIX + id;
    }

    /** True when the key has an expiry and {@code now} is past it. */
    public boolean expiredAt(Instant now) {
        return expires != null && now.toEpochMilli() >= expires;
    }

    /** An unmodifiable copy that keeps the order and allows null values (JSON metadata may hold them). */
    static Map<String, Object> copyOf(Map<String, Object> metadata) {
        return metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
