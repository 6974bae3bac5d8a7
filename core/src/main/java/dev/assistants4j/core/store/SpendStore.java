package dev.assistants4j.core.store;

import dev.assistants4j.core.access.SpendRecord;
import dev.assistants4j.core.access.SpendSubject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spend log (append-only, one row per model call), its totals per key and team and budget period, the rate-limit
 * counts each node shares with the others, and the key each run charges. Written in batches by one thread per node,
 * never per request. Thread-safe.
 */
public interface SpendStore extends RunKeyStore {

    /**
     * A subject's budget period.
     *
     * @param seconds the period's length, 0 for all time
     * @param start the period's start in epoch seconds
     */
    record Period(SpendSubject subject, long seconds, long start) {}

    /** Spend to add to a period's total. */
    record Increment(Period period, double spend) {}

    /**
     * Appends {@code rows} to the log and adds {@code increments} to the totals, in one transaction (the totals in a
     * fixed order, so that nodes adding to the same totals never deadlock).
     */
    void append(List<SpendRecord> rows, List<Increment> increments);

    /** The totals of {@code periods}; a period with no spend yet is absent. */
    Map<Period, Double> totals(Collection<Period> periods);

    /**
     * Which rows {@code /spend/logs} shows: each filter left empty matches every row; times are inclusive.
     *
     * @param apiKey rows of this key id
     * @param teamId rows of this team
     * @param requestId the row(s) of this request
     * @param from rows that started at or after it
     * @param to rows that started at or before it
     */
    record LogQuery(
            Optional<String> apiKey,
            Optional<String> teamId,
            Optional<String> requestId,
            Optional<Instant> from,
            Optional<Instant> to,
            int limit) {}

    /** The matching rows, oldest first, at most {@code query.limit()}. */
    List<SpendRecord> logs(LogQuery query);

    /**
     * A node's counts of one subject in one rate window.
     *
     * @param inFlight its calls in progress now
     */
    record RateCount(SpendSubject subject, long requests, long tokens, int inFlight) {}

    /**
     * Stores this node's counts of the window starting {@code windowStart} (one transaction, replacing what it stored
     * before, and dropping its rows of earlier windows) and returns the other nodes' counts of that window, summed per
     * subject. In-flight counts of nodes that have not synced since {@code liveSince} are left out (a dead node's calls
     * are not in flight).
     */
    Map<SpendSubject, RateCount> syncRates(
            String nodeId, long windowStart, List<RateCount> mine, Instant now, Instant liveSince);
}
