package dev.assistants4j.core.access;

import dev.assistants4j.core.error.LimitExceededException;
import dev.assistants4j.core.store.SpendStore;
import dev.assistants4j.core.store.SpendStore.Period;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link ModelGate} that enforces the limits of keys and teams and keeps the spend log: a key's (then its team's)
 * {@code models}, {@code max_budget} per {@code budget_duration} ({@link SpendLedger}) and rate limits ({@link
 * RateLimiter}); every admitted call, the master key's too, becomes one spend log row priced by {@link Pricing}. It
 * is also the {@link SpendTotals} that {@code /key/info} and {@code /team/info} read. Thread-safe; close it to write
 * the last rows.
 */
public final class LimitedModelGate implements ModelGate, SpendTotals, AutoCloseable {

    /**
     * How the gate runs on this node.
     *
     * @param nodeId this node's id in the shared rate-limit counts
     * @param shared true when other nodes use the same database (rate counts are then synced through it)
     * @param flushInterval how often the spend log is written and the totals read back
     * @param syncInterval how often rate-limit counts are synced with the other nodes
     */
    public record Settings(String nodeId, boolean shared, Duration flushInterval, Duration syncInterval) {

        /** A single node, or one of several: writes every 200 ms, syncs every 200 ms. */
        public static Settings of(String nodeId, boolean shared) {
            return new Settings(nodeId, shared, Duration.ofMillis(200), Duration.ofMillis(200));
        }
    }

    private final SpendStore store;
    private final Pricing pricing;
    private final Clock clock;
    private final SpendLedger ledger;
    private final RateLimiter limiter;

    public LimitedModelGate(SpendStore store, Pricing pricing, Clock clock, Settings settings) {
        this.store = store;
        this.pricing = Objects.requireNonNull(pricing, "pricing");
        this.clock = clock;
        this.ledger = new SpendLedger(store, clock, settings.flushInterval());
        this.limiter = new RateLimiter(
                clock,
                settings.shared() ? Optional.of(store) : Optional.empty(),
                settings.nodeId(),
                settings.syncInterval());
    }

    @Override
    public Admission admit(Caller caller, ModelCall call) {
        Instant start = clock.instant();
        if (caller.keyId().isEmpty()) {
            return new Recording(caller, call, start, List.of());
        }
        List<RateLimiter.Limited> subjects = subjects(caller);
        checkModel(caller, call.model());
        for (RateLimiter.Limited subject : subjects) {
            checkBudget(subject, start);
        }
        limiter.acquire(subjects);
        return new Recording(caller, call, start, subjects);
    }

    @Override
    public CurrentSpend current(SpendSubject subject, Limits limits) {
        return ledger.current(subject, limits);
    }

    /** The spend log rows {@code query} asks for (rows this node has not written yet are not among them). */
    public List<SpendRecord> logs(SpendStore.LogQuery query) {
        return store.logs(query);
    }

    /** Writes the queued spend log rows now (tests; the writer does it every interval). */
    public void flush() {
        ledger.flush();
    }

    private static List<RateLimiter.Limited> subjects(Caller caller) {
        List<RateLimiter.Limited> subjects = new ArrayList<>();
        subjects.add(new RateLimiter.Limited(SpendSubject.key(caller.keyId().orElseThrow()), caller.keyLimits()));
        caller.teamId()
                .ifPresent(team -> subjects.add(new RateLimiter.Limited(SpendSubject.team(team), caller.teamLimits())));
        return subjects;
    }

    private static void checkModel(Caller caller, String model) {
        if (!caller.keyLimits().allowsModel(model)) {
            throw LimitExceededException.modelDenied(false, caller.keyLimits().models(), model);
        }
        if (!caller.teamLimits().allowsModel(model)) {
            throw LimitExceededException.modelDenied(true, caller.teamLimits().models(), model);
        }
    }

    private void checkBudget(RateLimiter.Limited subject, Instant now) {
        Optional<java.math.BigDecimal> max = subject.limits().maxBudget();
        if (max.isEmpty()) {
            return;
        }
        double spend = ledger.spend(period(subject, now));
        if (spend >= max.get().doubleValue()) {
            throw LimitExceededException.budgetExceeded(
                    subject.subject().team(), subject.subject().id(), java.math.BigDecimal.valueOf(spend), max.get());
        }
    }

    private static Period period(RateLimiter.Limited subject, Instant now) {
        BudgetPeriod period = BudgetPeriod.at(subject.limits().budgetDuration(), now);
        return new Period(subject.subject(), period.seconds(), period.start());
    }

    @Override
    public void close() {
        limiter.close();
        ledger.close();
    }

    /** An admitted call: its row once its usage is known, and its slot until closed. */
    private final class Recording implements Admission {

        private final Caller caller;
        private final ModelCall call;
        private final Instant start;
        private final List<RateLimiter.Limited> subjects;
        private final AtomicBoolean closed = new AtomicBoolean();

        Recording(Caller caller, ModelCall call, Instant start, List<RateLimiter.Limited> subjects) {
            this.caller = caller;
            this.call = call;
            this.start = start;
            this.subjects = subjects;
        }

        @Override
        public void record(long promptTokens, long completionTokens) {
            Instant end = clock.instant();
            double cost = pricing.of(call.model()).cost(promptTokens, completionTokens);
            SpendRecord row = new SpendRecord(
                    call.requestId(),
                    call.callType(),
                    caller.keyId().orElse(""),
                    caller.teamId(),
                    caller.projectId(),
                    call.model(),
                    promptTokens,
                    completionTokens,
                    cost,
                    start,
                    end,
                    call.runId(),
                    call.user());
            ledger.record(
                    row, subjects.stream().map(subject -> period(subject, end)).toList());
            limiter.tokens(
                    subjects.stream().map(RateLimiter.Limited::subject).toList(), promptTokens + completionTokens);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                limiter.release(
                        subjects.stream().map(RateLimiter.Limited::subject).toList());
            }
        }
    }
}
