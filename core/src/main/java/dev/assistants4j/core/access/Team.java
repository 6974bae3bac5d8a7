package dev.assistants4j.core.access;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stored team, with LiteLLM's fields (nullable ones unset). A team is a project: its id is the project id of every
 * key of the team, so they share their objects.
 *
 * @param models the model names its keys may call; empty: all
 * @param maxBudget US dollars per {@code budgetDuration} (or in all), for all its keys together
 * @param budgetDuration LiteLLM's duration text, such as {@code "30d"} ({@link Durations})
 * @param budgetResetAt epoch milliseconds of the next budget reset
 * @param blocked true: every key of the team is refused
 * @param createdAt epoch milliseconds
 * @param updatedAt epoch milliseconds
 */
public record Team(
        String teamId,
        String teamAlias,
        List<String> models,
        Double maxBudget,
        String budgetDuration,
        Long budgetResetAt,
        Integer rpmLimit,
        Integer tpmLimit,
        Integer maxParallelRequests,
        Map<String, Object> metadata,
        boolean blocked,
        long createdAt,
        long updatedAt)
        implements LimitFields {

    public Team {
        Objects.requireNonNull(teamId, "teamId");
        models = models == null ? List.of() : List.copyOf(models);
        metadata = VirtualKey.copyOf(metadata);
    }
}
