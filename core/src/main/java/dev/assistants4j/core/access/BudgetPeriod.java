package dev.assistants4j.core.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A budget period of a key or team: with a {@code budget_duration}, consecutive periods of that length counted from
 * the Unix epoch (so {@code 1d} starts at midnight UTC and every node agrees on the periods without asking); without
 * one, a single period for all time.
 *
 * @param seconds the period's length, 0 for all time
 * @param start the period's start, in epoch seconds (0 for all time)
 */
public record BudgetPeriod(long seconds, long start) {

    /** The period of {@code duration} that holds {@code now}. */
    public static BudgetPeriod at(Optional<Duration> duration, Instant now) {
        long length = duration.map(Duration::toSeconds).filter(s -> s > 0).orElse(0L);
        if (length == 0) {
            return new BudgetPeriod(0, 0);
        }
        long epoch = now.getEpochSecond();
        return new BudgetPeriod(length, Math.floorDiv(epoch, length) * length);
    }

    /** When the period ends and spend starts again from zero; empty for all time. */
    public Optional<Instant> resetAt() {
        return seconds == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(start + seconds));
    }
}
