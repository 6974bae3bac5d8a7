package dev.assistants4j.core.access;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields LiteLLM's keys and teams share ({@link VirtualKey}, {@link Team}), so that what reads or changes them is
 * written once. Implementations are immutable records.
 */
public interface LimitFields {

    /** The model names allowed; empty: all. */
    List<String> models();

    /** US dollars per {@link #budgetDuration()} (or in all). */
    Double maxBudget();

    /** LiteLLM's duration text, such as {@code "30d"} ({@link Durations}). */
    String budgetDuration();

    /** Epoch milliseconds of the next budget reset. */
    Long budgetResetAt();

    Integer rpmLimit();

    Integer tpmLimit();

    Integer maxParallelRequests();

    Map<String, Object> metadata();

    /** True: refused. */
    boolean blocked();

    /** What these fields allow (a team's limits hold for all its keys together). */
    default Limits limits() {
        return new Limits(
                models(),
                Optional.ofNullable(maxBudget()).map(BigDecimal::valueOf),
                Optional.ofNullable(budgetDuration()).map(Durations::parse),
                Optional.ofNullable(rpmLimit()),
                Optional.ofNullable(tpmLimit()),
                Optional.ofNullable(maxParallelRequests()));
    }
}
