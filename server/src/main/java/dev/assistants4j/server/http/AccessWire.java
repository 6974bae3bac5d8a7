package dev.assistants4j.server.http;

import dev.assistants4j.core.access.CurrentSpend;
import dev.assistants4j.core.access.SpendSubject;
import dev.assistants4j.core.access.SpendTotals;
import dev.assistants4j.core.access.Team;
import dev.assistants4j.core.access.VirtualKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that shapes keys and teams for LiteLLM's admin API: LiteLLM's field names, times as ISO-8601 UTC,
 * {@code spend} and {@code budget_reset_at} of the current budget period from {@link SpendTotals}, and the fields this server does not keep ({@code user_id}, {@code aliases},
 * {@code config}, team members) with LiteLLM's empty values. {@code key_id} is this server's stable key id (it
 * survives a regenerate; a key without a team owns the project {@code key-<key_id>}). Thread-safe.
 */
final class AccessWire {

    private final SpendTotals spend;

    AccessWire(SpendTotals spend) {
        this.spend = spend;
    }

    /** A stored key, as {@code /key/info}'s {@code info} and {@code /key/list?return_full_object=true} show it. */
    Map<String, Object> key(VirtualKey key) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("token", key.token());
        wire.put("key_id", key.id());
        wire.put("key_name", key.keyName());
        wire.put("key_alias", key.keyAlias());
        CurrentSpend current = spend.current(SpendSubject.key(key.id()), key.limits());
        wire.put("spend", current.spend());
        wire.put("expires", time(key.expires()));
        wire.put("models", key.models());
        wire.put("aliases", Map.of());
        wire.put("config", Map.of());
        wire.put("user_id", null);
        wire.put("team_id", key.teamId());
        wire.put("max_parallel_requests", key.maxParallelRequests());
        wire.put("metadata", key.metadata());
        wire.put("tpm_limit", key.tpmLimit());
        wire.put("rpm_limit", key.rpmLimit());
        wire.put("max_budget", key.maxBudget());
        wire.put("budget_duration", key.budgetDuration());
        wire.put(
                "budget_reset_at",
                current.budgetResetAt().map(Instant::toString).orElse(null));
        wire.put("blocked", key.blocked());
        wire.put("created_at", time(key.createdAt()));
        wire.put("updated_at", time(key.updatedAt()));
        return wire;
    }

    /** A key with {@code key} first: the key itself, just made, or as the request named it. */
    Map<String, Object> keyWith(String named, VirtualKey key) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("key", named);
        wire.putAll(key(key));
        return wire;
    }

    Map<String, Object> team(Team team) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("team_id", team.teamId());
        wire.put("team_alias", team.teamAlias());
        wire.put("models", team.models());
        CurrentSpend current = spend.current(SpendSubject.team(team.teamId()), team.limits());
        wire.put("spend", current.spend());
        wire.put("max_budget", team.maxBudget());
        wire.put("budget_duration", team.budgetDuration());
        wire.put(
                "budget_reset_at",
                current.budgetResetAt().map(Instant::toString).orElse(null));
        wire.put("tpm_limit", team.tpmLimit());
        wire.put("rpm_limit", team.rpmLimit());
        wire.put("max_parallel_requests", team.maxParallelRequests());
        wire.put("metadata", team.metadata());
        wire.put("blocked", team.blocked());
        wire.put("members_with_roles", List.of());
        wire.put("admins", List.of());
        wire.put("members", List.of());
        wire.put("created_at", time(team.createdAt()));
        wire.put("updated_at", time(team.updatedAt()));
        return wire;
    }

    private static String time(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
