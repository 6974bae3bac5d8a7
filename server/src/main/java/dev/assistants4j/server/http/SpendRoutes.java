package dev.assistants4j.server.http;

import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.access.Callers;
import dev.assistants4j.core.access.LimitedModelGate;
import dev.assistants4j.core.access.SpendRecord;
import dev.assistants4j.core.error.AssistantsException;
import dev.assistants4j.core.error.AuthenticationException;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.store.SpendStore.LogQuery;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * LiteLLM's {@code GET /spend/logs}, master key only: the spend log rows (one per model call) with LiteLLM's fields,
 * filtered by {@code api_key} (a key, {@code sk-…}, or a key id), {@code team_id} and {@code request_id}; with both
 * {@code start_date} and {@code end_date} ({@code YYYY-MM-DD}, UTC, as LiteLLM takes them: from the start of the
 * first day to the start of the last), LiteLLM's daily totals instead: per day the {@code spend}, the spend of each key
 * by its id, and the spend per {@code users} and {@code models}. Rows this node recorded in the last fraction of a
 * second may not be written yet. Thread-safe.
 */
public record SpendRoutes(LimitedModelGate spend, Callers callers) {

    private static final int MAX_ROWS = 10_000;

    public void register(ApiRouter router) {
        router.httpGet("/spend/logs", this::logs);
    }

    private void logs(Context ctx) {
        Caller caller = Auth.caller(ctx);
        if (!caller.admin() || caller.keyId().isPresent()) {
            throw new AuthenticationException("Only the master key can call /spend/logs.", null);
        }
        Optional<Instant> from = date(ctx, "start_date");
        Optional<Instant> to = date(ctx, "end_date");
        LogQuery query = new LogQuery(
                param(ctx, "api_key").map(this::keyId),
                param(ctx, "team_id"),
                param(ctx, "request_id"),
                from,
                to,
                MAX_ROWS);
        List<SpendRecord> rows = spend.logs(query);
        if (from.isPresent() && to.isPresent()) {
            ctx.json(daily(rows));
        } else {
            ctx.json(rows.stream().map(SpendRoutes::row).toList());
        }
    }

    /**
     * The key id a filter names: a key ({@code sk-…}) stands for its id (the master key for {@code ""}, its rows' key),
     * anything else is an id already.
     */
    private String keyId(String apiKey) {
        if (!apiKey.startsWith("sk-")) {
            return apiKey;
        }
        try {
            return callers.authenticate(apiKey).keyId().orElse("");
        } catch (AssistantsException e) {
            return apiKey;
        }
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(value -> !value.isBlank());
    }

    private static Optional<Instant> date(Context ctx, String name) {
        return param(ctx, name).map(value -> {
            try {
                return value.length() == 10
                        ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                        : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException(
                        "Invalid " + name + " '" + value + "': expected YYYY-MM-DD.", name, "invalid_value");
            }
        });
    }

    /** A row as LiteLLM's {@code LiteLLM_SpendLogs} shows it. */
    private static Map<String, Object> row(SpendRecord record) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("request_id", record.requestId());
        row.put("call_type", record.callType());
        row.put("api_key", record.apiKey());
        row.put("spend", record.spend());
        row.put("total_tokens", record.totalTokens());
        row.put("prompt_tokens", record.promptTokens());
        row.put("completion_tokens", record.completionTokens());
        row.put("startTime", record.startTime().toString());
        row.put("endTime", record.endTime().toString());
        row.put("model", record.model());
        row.put("model_group", record.model());
        row.put("user", record.user().orElse(""));
        row.put("end_user", record.user().orElse(""));
        row.put("team_id", record.teamId().orElse(null));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("run_id", record.runId().orElse(null));
        metadata.put("project_id", record.projectId());
        metadata.put("user_api_key", record.apiKey());
        metadata.put("user_api_key_team_id", record.teamId().orElse(null));
        row.put("metadata", metadata);
        row.put("cache_hit", "False");
        row.put("cache_key", "");
        row.put("request_tags", List.of());
        return row;
    }

    /** LiteLLM's daily totals: per day its spend, each key's, and the spend per user and per model. */
    private static List<Map<String, Object>> daily(List<SpendRecord> rows) {
        Map<LocalDate, Map<String, Object>> days = new TreeMap<>();
        for (SpendRecord record : rows) {
            LocalDate day = LocalDate.ofInstant(record.startTime(), ZoneOffset.UTC);
            Map<String, Object> totals = days.computeIfAbsent(day, d -> newDay());
            totals.merge("spend", record.spend(), (a, b) -> (Double) a + (Double) b);
            totals.merge(record.apiKey(), record.spend(), (a, b) -> (Double) a + (Double) b);
            add(totals, "users", record.user().orElse(""), record.spend());
            add(totals, "models", record.model(), record.spend());
        }
        List<Map<String, Object>> list = new ArrayList<>();
        days.forEach((day, totals) -> {
            totals.put("startTime", day.toString());
            list.add(totals);
        });
        return list;
    }

    private static Map<String, Object> newDay() {
        Map<String, Object> day = new LinkedHashMap<>();
        day.put("users", new LinkedHashMap<String, Double>());
        day.put("models", new LinkedHashMap<String, Double>());
        day.put("spend", 0.0);
        return day;
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> day, String group, String name, double spend) {
        ((Map<String, Double>) day.get(group)).merge(name, spend, Double::sum);
    }
}
