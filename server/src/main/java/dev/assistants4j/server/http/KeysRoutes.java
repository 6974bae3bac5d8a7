package dev.assistants4j.server.http;

import dev.assistants4j.core.access.ApiKeys;
import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.access.SpendTotals;
import dev.assistants4j.core.access.VirtualKey;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.service.KeyService;
import dev.assistants4j.core.service.KeyService.GeneratedKey;
import dev.assistants4j.core.service.KeySettings;
import dev.assistants4j.core.store.KeyStore.KeyPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LiteLLM's {@code /key/*}, master key only, at LiteLLM's bare paths (and under {@code /v1}, which LiteLLM's proxy
 * also accepts for its routes): generate, info, update, delete, list, regenerate (also {@code /key/{key}/regenerate}),
 * block and unblock. {@code /key/info} without {@code ?key=} answers any key about itself, as LiteLLM does.
 */
public final class KeysRoutes {

    private static final List<String> PREFIXES = List.of("", "/v1");

    private final KeyService keys;
    private final AccessWire wire;

    /** @param spend what the keys and teams have spent, shown as {@code spend} */
    public KeysRoutes(KeyService keys, SpendTotals spend) {
        this.keys = keys;
        this.wire = new AccessWire(spend);
    }

    public void register(RoutesConfig routes) {
        for (String prefix : PREFIXES) {
            routes.post(prefix + "/key/generate", this::generate);
            routes.get(prefix + "/key/info", this::info);
            routes.post(prefix + "/key/update", this::update);
            routes.post(prefix + "/key/delete", this::delete);
            routes.get(prefix + "/key/list", this::list);
            routes.post(prefix + "/key/regenerate", this::regenerate);
            routes.post(prefix + "/key/{key}/regenerate", this::regenerate);
            routes.post(prefix + "/key/block", ctx -> block(ctx, true));
            routes.post(prefix + "/key/unblock", ctx -> block(ctx, false));
        }
    }

    private void generate(Context ctx) {
        AdminOnly.check(ctx);
        JsonObjectReader body = JsonObjectReader.body(ctx);
        GeneratedKey generated = keys.generate(AccessRequests.key(body));
        Map<String, Object> response = wire.keyWith(generated.key(), generated.stored());
        response.put("duration", body.string("duration", Integer.MAX_VALUE).orElse(null));
        ctx.json(response);
    }

    private void info(Context ctx) {
        Caller caller = Auth.caller(ctx);
        Optional<String> named = Optional.ofNullable(ctx.queryParam("key")).filter(k -> !k.isBlank());
        VirtualKey key;
        if (caller.admin()) {
            key = keys.info(
                    named.orElseThrow(() -> new InvalidRequestException("Missing query parameter: 'key'.", "key")));
        } else {
            key = keys.byId(caller.keyId().orElseThrow());
            if (named.isPresent() && !key.token().equals(ApiKeys.tokenOf(named.get()))) {
                AdminOnly.check(ctx); // another key's info: the master key's alone
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("key", named.orElse(key.keyName()));
        response.put("info", wire.key(key));
        ctx.json(response);
    }

    private void update(Context ctx) {
        AdminOnly.check(ctx);
        JsonObjectReader body = JsonObjectReader.body(ctx);
        String key = body.requiredString("key");
        ctx.json(wire.keyWith(key, keys.update(key, AccessRequests.key(body))));
    }

    private void delete(Context ctx) {
        AdminOnly.check(ctx);
        JsonObjectReader body = JsonObjectReader.body(ctx);
        List<String> named = AccessRequests.strings(body, "keys");
        List<String> aliases = AccessRequests.strings(body, "key_aliases");
        if (named.isEmpty() && aliases.isEmpty()) {
            throw new InvalidRequestException("Pass 'keys' or 'key_aliases': the keys to delete.", "keys");
        }
        ctx.json(Map.of("deleted_keys", keys.delete(named, aliases)));
    }

    private void list(Context ctx) {
        AdminOnly.check(ctx);
        int page = intParam(ctx, "page", 1);
        int size = intParam(ctx, "size", 10);
        KeyPage found = keys.list(
                Optional.ofNullable(ctx.queryParam("team_id")),
                Optional.ofNullable(ctx.queryParam("key_alias")),
                page,
                size);
        boolean full = "true".equalsIgnoreCase(ctx.queryParam("return_full_object"));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put(
                "keys",
                found.keys().stream()
                        .map(key -> full ? wire.key(key) : key.token())
                        .toList());
        response.put("total_count", found.totalCount());
        response.put("current_page", page);
        response.put("total_pages", (found.totalCount() + size - 1) / size);
        ctx.json(response);
    }

    private void regenerate(Context ctx) {
        AdminOnly.check(ctx);
        JsonObjectReader body = ctx.body().isBlank() ? JsonObjectReader.parse("{}") : JsonObjectReader.body(ctx);
        String key = ctx.pathParamMap().containsKey("key") ? ctx.pathParam("key") : body.requiredString("key");
        KeySettings settings = AccessRequests.key(body);
        GeneratedKey generated = keys.regenerate(key, settings);
        ctx.json(wire.keyWith(generated.key(), generated.stored()));
    }

    private void block(Context ctx, boolean blocked) {
        AdminOnly.check(ctx);
        String key = JsonObjectReader.body(ctx).requiredString("key");
        ctx.json(wire.keyWith(key, keys.block(key, blocked)));
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Invalid '" + name + "': expected an integer.", name);
        }
    }
}
