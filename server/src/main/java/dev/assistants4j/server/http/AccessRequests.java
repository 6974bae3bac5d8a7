package dev.assistants4j.server.http;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.service.KeySettings;
import dev.assistants4j.core.service.LimitSettings;
import dev.assistants4j.core.service.Patch;
import dev.assistants4j.core.service.TeamSettings;
import java.util.List;
import java.util.Map;

/**
 * Reads the bodies of LiteLLM's {@code /key/*} and {@code /team/*} requests. Fields LiteLLM has and this server does
 * not use (such as {@code user_id}, {@code aliases} or {@code members_with_roles}) are ignored, as LiteLLM ignores
 * what it does not know, so LiteLLM's own examples are taken as written. Stateless.
 */
final class AccessRequests {

    private static final int MAX_MODELS = 1_000;
    private static final int MAX_TEXT = 1_000;
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private AccessRequests() {}

    static KeySettings key(JsonObjectReader body) {
        return new KeySettings(text(body, "key_alias"), text(body, "team_id"), text(body, "duration"), limits(body));
    }

    static TeamSettings team(JsonObjectReader body) {
        return new TeamSettings(text(body, "team_alias"), limits(body));
    }

    private static LimitSettings limits(JsonObjectReader body) {
        return new LimitSettings(
                body.patch("models", name -> body.strings(name, MAX_MODELS)),
                body.patch("max_budget", name -> body.number(name, 0, Double.MAX_VALUE)),
                text(body, "budget_duration"),
                count(body, "rpm_limit"),
                count(body, "tpm_limit"),
                count(body, "max_parallel_requests"),
                body.patch("metadata", name -> metadata(body, name)),
                body.patch("blocked", body::bool));
    }

    private static Patch<String> text(JsonObjectReader body, String field) {
        return body.patch(field, name -> body.string(name, MAX_TEXT));
    }

    private static Patch<Integer> count(JsonObjectReader body, String field) {
        return body.patch(field, name -> body.integer(name, 0, Integer.MAX_VALUE));
    }

    /** A list of strings, empty when absent or null. */
    static List<String> strings(JsonObjectReader body, String name) {
        return body.strings(name, MAX_MODELS).orElse(List.of());
    }

    private static java.util.Optional<Map<String, Object>> metadata(JsonObjectReader body, String name) {
        return body.rawObject(name).map(object -> Json.MAPPER.convertValue(object, OBJECT));
    }
}
