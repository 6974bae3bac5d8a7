package dev.assistants4j.core.access;

import dev.assistants4j.core.store.SpendStore;
import dev.assistants4j.core.store.SpendStore.Increment;
import dev.assistants4j.core.store.SpendStore.Period;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spend log of one node and its budget totals. A model call's row is queued in memory ({@link #record}, no
 * database work on the request path); one writer thread appends the queued rows in a batch every flush interval and
 * adds them to the per-key and per-team totals of their budget periods in the same transaction (one update per
 * subject and batch, never one per request: LiteLLM's lesson, counter updates per request deadlock at a few hundred
 * requests a second), then reads back the totals it watches, which include the other nodes' spend.
 *
 * <p>A subject's spend ({@link #current}) is the total last read plus what this node recorded and has not yet
 * aggregated, so a node never under-counts its own calls; another node's calls count once that node flushed them and
 * this one read the totals again (within about two flush intervals). Durability: rows queued when the process dies
 * are lost (at most one interval's); their calls were answered already. Thread-safe.
 */
public final class SpendLedger implements SpendTotals, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpendLedger.class);
    private static final int MAX_BATCH = 2_000;
    /** Totals not asked for this long are no longer read back. */
    private static final Duration WATCH_TIME = Duration.ofMinutes(10);

    private final SpendStore store;
    private final Clock clock;
    private final Duration flushInterval;
    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    /** Spend recorded here and not yet in the totals read back. */
    private final ConcurrentHashMap<Period, Double> pending = new ConcurrentHashMap<>();
    /** The totals as last read, of the periods asked for recently. */
    private final ConcurrentHashMap<Period, Double> totals = new ConcurrentHashMap<>();
    /** When each watched period was last asked for, in epoch milliseconds. */
    private final ConcurrentHashMap<Period, Long> watched = new ConcurrentHashMap<>();

    private final Thread writer;
    private volatile boolean closed;

    /** A row to append and the periods it adds to. */
    private record Entry(SpendRecord row, List<Period> periods) {}

    public SpendLedger(SpendStore store, Clock clock, Duration flushInterval) {
        this.store = store;
        this.clock = clock;
        this.flushInterval = flushInterval;
        this.writer = Thread.ofPlatform().daemon().name("spend-writer").start(this::loop);
    }

    /** Queues a call's row; its cost counts against {@code periods} (the key's and team's) at once. */
    void record(SpendRecord row, List<Period> periods) {
        for (Period period : periods) {
            pending.merge(period, row.spend(), Double::sum);
        }
        queue.add(new Entry(row, periods));
    }

    /** The spend of {@code period}: the last total read (read now if not watched yet) plus what is pending here. */
    double spend(Period period) {
        watched.put(period, clock.millis());
        Double total = totals.get(period);
        if (total == null) {
            total = store.totals(List.of(period)).getOrDefault(period, 0.0);
            totals.putIfAbsent(period, total);
        }
        return total + pending.getOrDefault(period, 0.0);
    }

    @Override
    public CurrentSpend current(SpendSubject subject, Limits limits) {
        BudgetPeriod period = BudgetPeriod.at(limits.budgetDuration(), clock.instant());
        double spend = spend(new Period(subject, period.seconds(), period.start()));
        return new CurrentSpend(spend, period.resetAt());
    }

    /** Writes what is queued now and reads the watched totals back; the writer thread does this every interval. */
    public void flush() {
        synchronized (this) {
            List<Entry> batch = new ArrayList<>();
            Entry next;
            while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                batch.add(next);
            }
            Map<Period, Double> added = new HashMap<>();
            for (Entry entry : batch) {
                entry.periods()
                        .forEach(period -> added.merge(period, entry.row().spend(), Double::sum));
            }
            if (!batch.isEmpty()) {
                List<Increment> increments = added.entrySet().stream()
                        .map(e -> new Increment(e.getKey(), e.getValue()))
                        .toList();
                try {
                    store.append(batch.stream().map(Entry::row).toList(), increments);
                } catch (RuntimeException e) {
                    batch.forEach(this::requeue);
                    throw e;
                }
            }
            refresh(added);
        }
    }

    private void requeue(Entry entry) {
        // Put back at the end: order in the log is by write, the rows keep their own times.
        queue.add(entry);
    }

    /** Reads the watched totals (now holding {@code added}) and takes {@code added} out of what is pending. */
    private void refresh(Map<Period, Double> added) {
        long stale = clock.millis() - WATCH_TIME.toMillis();
        watched.entrySet().removeIf(e -> e.getValue() < stale && !added.containsKey(e.getKey()));
        totals.keySet().retainAll(watched.keySet());
        List<Period> read = new ArrayList<>(watched.keySet());
        Map<Period, Double> fresh = read.isEmpty() ? Map.of() : store.totals(read);
        for (Period period : read) {
            totals.put(period, fresh.getOrDefault(period, 0.0));
        }
        added.forEach((period, spend) -> pending.computeIfPresent(period, (p, left) -> {
            double rest = left - spend;
            return rest <= 1e-15 ? null : rest;
        }));
    }

    private void loop() {
        while (!closed) {
            try {
                TimeUnit.MILLISECONDS.sleep(flushInterval.toMillis());
                flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Writing the spend log failed; retrying: {}", e.toString());
            }
        }
    }

    /** Writes what is queued and stops the writer. */
    @Override
    public void close() {
        closed = true;
        try { // the writer sees the flag within an interval; not interrupted, not to break a write under way
            writer.join(5_000);
            while (!queue.isEmpty()) {
                flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("The last spend log rows could not be written: {}", e.toString());
        }
    }
}
