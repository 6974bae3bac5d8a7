package dev.assistants4j.store;

import dev.assistants4j.core.access.SpendRecord;
import dev.assistants4j.core.access.SpendSubject;
import dev.assistants4j.core.store.SpendStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The spend log, its totals, the shared rate-limit counts and the run keys, in {@code spend_logs}, {@code
 * spend_totals}, {@code rate_counts} and {@code run_keys}. Totals grow by upserts that add, taken in one fixed order
 * in each transaction, so nodes adding to the same totals wait for each other but never deadlock. Thread-safe.
 */
final class JdbcSpendStore implements SpendStore {

    private static final Comparator<Increment> TOTALS_ORDER = Comparator.comparing(
                    (Increment i) -> i.period().subject().kind())
            .thenComparing(i -> i.period().subject().id())
            .thenComparingLong(i -> i.period().seconds())
            .thenComparingLong(i -> i.period().start());

    private final Database db;

    JdbcSpendStore(Database db) {
        this.db = db;
    }

    @Override
    public void append(List<SpendRecord> rows, List<Increment> increments) {
        db.writeVoid(h -> {
            insertRows(h, rows);
            addToTotals(h, increments);
        });
    }

    private static void insertRows(Handle h, List<SpendRecord> rows) {
        batch(
                h,
                rows,
                "INSERT INTO spend_logs (request_id, call_type, api_key, team_id,"
                        + " project_id, model, prompt_tokens, completion_tokens, total_tokens, spend, start_time, end_time,"
                        + " run_id, end_user) VALUES (:request_id, :call_type, :api_key, :team_id, :project_id, :model,"
                        + " :prompt_tokens, :completion_tokens, :total_tokens, :spend, :start_time, :end_time, :run_id,"
                        + " :end_user)",
                (batch, row) -> batch.bind("request_id", row.requestId())
                        .bind("call_type", row.callType())
                        .bind("api_key", row.apiKey())
                        .bind("team_id", row.teamId().orElse(null))
                        .bind("project_id", row.projectId())
                        .bind("model", row.model())
                        .bind("prompt_tokens", row.promptTokens())
                        .bind("completion_tokens", row.completionTokens())
                        .bind("total_tokens", row.totalTokens())
                        .bind("spend", row.spend())
                        .bind("start_time", row.startTime().toEpochMilli())
                        .bind("end_time", row.endTime().toEpochMilli())
                        .bind("run_id", row.runId().orElse(null))
                        .bind("end_user", row.user().orElse(null)));
    }

    private static void addToTotals(Handle h, List<Increment> increments) {
        batch(
                h,
                increments.stream().sorted(TOTALS_ORDER).toList(),
                "INSERT INTO spend_totals (subject_kind, subject_id, period_seconds,"
                        + " period_start, spend) VALUES (:kind, :id, :seconds, :start, :spend)"
                        + " ON CONFLICT (subject_kind, subject_id, period_seconds, period_start)"
                        + " DO UPDATE SET spend = spend_totals.spend + excluded.spend",
                (batch, increment) -> {
                    Period period = increment.period();
                    batch.bind("kind", period.subject().kind())
                            .bind("id", period.subject().id())
                            .bind("seconds", period.seconds())
                            .bind("start", period.start())
                            .bind("spend", increment.spend());
                });
    }

    /** Runs {@code sql} once for each of {@code items} (bound by {@code bind}) in one batch; nothing when empty. */
    private static <T> void batch(Handle h, List<T> items, String sql, BiConsumer<PreparedBatch, T> bind) {
        if (items.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch(sql);
        for (T item : items) {
            bind.accept(batch, item);
            batch.add();
        }
        batch.execute();
    }

    @Override
    public Map<Period, Double> totals(Collection<Period> periods) {
        if (periods.isEmpty()) {
            return Map.of();
        }
        List<String> ids =
                periods.stream().map(p -> p.subject().id()).distinct().toList();
        return db.read(h -> {
            Map<Period, Double> all = new HashMap<>();
            h.createQuery("SELECT subject_kind, subject_id, period_seconds, period_start, spend FROM spend_totals"
                            + " WHERE subject_id IN (<ids>)")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> Map.entry(
                            new Period(
                                    new SpendSubject(rs.getString("subject_kind"), rs.getString("subject_id")),
                                    rs.getLong("period_seconds"),
                                    rs.getLong("period_start")),
                            rs.getDouble("spend")))
                    .forEach(e -> all.put(e.getKey(), e.getValue()));
            all.keySet().retainAll(periods);
            return all;
        });
    }

    @Override
    public List<SpendRecord> logs(LogQuery query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM spend_logs WHERE 1 = 1");
        query.apiKey().ifPresent(v -> sql.append(" AND api_key = :api_key"));
        query.teamId().ifPresent(v -> sql.append(" AND team_id = :team_id"));
        query.requestId().ifPresent(v -> sql.append(" AND request_id = :request_id"));
        query.from().ifPresent(v -> sql.append(" AND start_time >= :from"));
        query.to().ifPresent(v -> sql.append(" AND start_time <= :to"));
        sql.append(" ORDER BY seq LIMIT :limit");
        return db.read(h -> {
            Query select = h.createQuery(sql.toString()).bind("limit", query.limit());
            query.apiKey().ifPresent(v -> select.bind("api_key", v));
            query.teamId().ifPresent(v -> select.bind("team_id", v));
            query.requestId().ifPresent(v -> select.bind("request_id", v));
            query.from().ifPresent(v -> select.bind("from", v.toEpochMilli()));
            query.to().ifPresent(v -> select.bind("to", v.toEpochMilli()));
            return select.map((rs, ctx) -> row(rs)).list();
        });
    }

    private static SpendRecord row(ResultSet rs) throws SQLException {
        return new SpendRecord(
                rs.getString("request_id"),
                rs.getString("call_type"),
                rs.getString("api_key"),
                Optional.ofNullable(rs.getString("team_id")),
                rs.getString("project_id"),
                rs.getString("model"),
                rs.getLong("prompt_tokens"),
                rs.getLong("completion_tokens"),
                rs.getDouble("spend"),
                Instant.ofEpochMilli(rs.getLong("start_time")),
                Instant.ofEpochMilli(rs.getLong("end_time")),
                Optional.ofNullable(rs.getString("run_id")),
                Optional.ofNullable(rs.getString("end_user")));
    }

    @Override
    public Map<SpendSubject, RateCount> syncRates(
            String nodeId, long windowStart, List<RateCount> mine, Instant now, Instant liveSince) {
        db.writeVoid(h -> {
            h.createUpdate("DELETE FROM rate_counts WHERE node_id = :node AND window_start < :window")
                    .bind("node", nodeId)
                    .bind("window", windowStart)
                    .execute();
            if (mine.isEmpty()) {
                return;
            }
            PreparedBatch batch = h.prepareBatch("INSERT INTO rate_counts (node_id, subject_kind, subject_id,"
                    + " window_start, requests, tokens, in_flight, updated_at)"
                    + " VALUES (:node, :kind, :id, :window, :requests, :tokens, :in_flight, :now)"
                    + " ON CONFLICT (node_id, subject_kind, subject_id, window_start) DO UPDATE SET"
                    + " requests = excluded.requests, tokens = excluded.tokens, in_flight = excluded.in_flight,"
                    + " updated_at = excluded.updated_at");
            for (RateCount count : mine) {
                batch.bind("node", nodeId)
                        .bind("kind", count.subject().kind())
                        .bind("id", count.subject().id())
                        .bind("window", windowStart)
                        .bind("requests", count.requests())
                        .bind("tokens", count.tokens())
                        .bind("in_flight", count.inFlight())
                        .bind("now", now.toEpochMilli())
                        .add();
            }
            batch.execute();
        });
        return db.read(h -> {
            Map<SpendSubject, RateCount> others = new HashMap<>();
            h.createQuery("SELECT subject_kind, subject_id, sum(requests) AS requests, sum(tokens) AS tokens,"
                            + " sum(CASE WHEN updated_at >= :live THEN in_flight ELSE 0 END) AS in_flight"
                            + " FROM rate_counts WHERE window_start = :window AND node_id <> :node"
                            + " GROUP BY subject_kind, subject_id")
                    .bind("live", liveSince.toEpochMilli())
                    .bind("window", windowStart)
                    .bind("node", nodeId)
                    .map((rs, ctx) -> new RateCount(
                            new SpendSubject(rs.getString("subject_kind"), rs.getString("subject_id")),
                            rs.getLong("requests"),
                            rs.getLong("tokens"),
                            rs.getInt("in_flight")))
                    .forEach(count -> others.put(count.subject(), count));
            return others;
        });
    }

    @Override
    public void rememberRunKey(String runId, String keyId) {
        db.writeVoid(h -> h.createUpdate("INSERT INTO run_keys (run_id, key_id) VALUES (:run, :key)"
                        + " ON CONFLICT (run_id) DO UPDATE SET key_id = excluded.key_id")
                .bind("run", runId)
                .bind("key", keyId)
                .execute());
    }

    @Override
    public Optional<String> runKey(String runId) {
        return db.read(h -> h.createQuery("SELECT key_id FROM run_keys WHERE run_id = :run")
                .bind("run", runId)
                .mapTo(String.class)
                .findOne());
    }
}
