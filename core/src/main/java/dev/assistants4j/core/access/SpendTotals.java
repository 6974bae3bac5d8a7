package dev.assistants4j.core.access;

/**
 * The read side of spend: what a key or team spent in its current budget period, for {@code /key/info} and {@code
 * /team/info}. Answers from memory when the subject was seen recently, else with one read. Thread-safe.
 */
@FunctionalInterface
public interface SpendTotals {

    /** Nothing is counted. */
    SpendTotals NONE = (subject, limits) -> CurrentSpend.NONE;

    /**
     * The spend of {@code subject} in its current period: all that was aggregated plus what this node recorded and has
     * not aggregated yet.
     *
     * @param limits the subject's limits ({@code budget_duration} sets the period)
     */
    CurrentSpend current(SpendSubject subject, Limits limits);
}
