package dev.assistants4j.server;

import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.access.Callers;
import dev.assistants4j.core.access.Limits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed set of API keys, each standing for a key (and maybe a team) with the limits a test gives it; any other key
 * is the master key. Keys can be added and removed while the server runs. Thread-safe.
 */
final class StaticCallers implements Callers {

    private final Map<String, Caller> byToken = new ConcurrentHashMap<>();

    /** Adds the key {@code token} with the id {@code keyId}, without a team. */
    StaticCallers key(String token, String keyId, Limits limits) {
        byToken.put(
                token, new Caller("key-" + keyId, Optional.of(keyId), Optional.empty(), false, limits, Limits.NONE));
        return this;
    }

    /** Adds the key {@code token} with the id {@code keyId}, of team {@code teamId}. */
    StaticCallers teamKey(String token, String keyId, Limits limits, String teamId, Limits teamLimits) {
        byToken.put(token, new Caller(teamId, Optional.of(keyId), Optional.of(teamId), false, limits, teamLimits));
        return this;
    }

    /** Forgets the key {@code token}: it is deleted. */
    void remove(String token) {
        byToken.remove(token);
    }

    @Override
    public Caller authenticate(String apiKey) {
        return byToken.getOrDefault(apiKey, Caller.master(Caller.DEFAULT_PROJECT));
    }

    @Override
    public Optional<Caller> byKeyId(String keyId) {
        return byToken.values().stream()
                .filter(caller -> caller.keyId().equals(Optional.of(keyId)))
                .findFirst();
    }

    static Limits models(String... models) {
        return new Limits(
                List.of(models),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    static Limits budget(String dollars, Duration duration) {
        return new Limits(
                List.of(),
                Optional.of(new BigDecimal(dollars)),
                Optional.ofNullable(duration),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    static Limits rates(Integer rpm, Integer tpm, Integer parallel) {
        return new Limits(
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.ofNullable(rpm),
                Optional.ofNullable(tpm),
                Optional.ofNullable(parallel));
    }
}
