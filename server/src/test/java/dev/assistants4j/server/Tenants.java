package dev.assistants4j.server;

import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.access.Callers;
import dev.assistants4j.core.access.Limits;
import dev.assistants4j.server.TestServer.Setup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The callers of the isolation tests: team A with two keys (one project, {@code team-a}), team B ({@code team-b}), a
 * key without a team ({@code key-} and its key id) and the master key ({@code proj_default}). The one place that says how they
 * come to exist: today a static {@link Callers} given to the server ({@link #setup()}); with stored keys, {@link
 * #of(ServerExtension)} would make them through {@code /team/new} and {@code /key/generate} instead. Immutable.
 */
final class Tenants {

    /** One API key and the project it acts in. */
    record Tenant(String name, String key, String projectId) {

        /** The request headers that present this tenant's key. */
        String[] auth() {
            return new String[] {"Authorization", "Bearer " + key};
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Tenant TEAM_A = new Tenant("team A (first key)", "sk-team-a-first-0001", "team-a");
    static final Tenant TEAM_A_SECOND = new Tenant("team A (second key)", "sk-team-a-second-0002", "team-a");
    static final Tenant TEAM_B = new Tenant("team B", "sk-team-b-0003", "team-b");
    static final Tenant SOLO = new Tenant("teamless key", "sk-solo-0004", "key-solo-0004");
    static final Tenant MASTER = new Tenant("master key", "sk-master-0005", Caller.DEFAULT_PROJECT);

    private static final List<Tenant> ALL = List.of(TEAM_A, TEAM_A_SECOND, TEAM_B, SOLO, MASTER);

    private Tenants() {}

    /** The server setup these tenants need: the callers their keys stand for. */
    static UnaryOperator<Setup> setup() {
        return setup -> setup.withCallers(callers());
    }

    /** The tenants of {@code server}, every key usable (with stored keys, this is where they would be made). */
    static List<Tenant> of(ServerExtension server) {
        return ALL;
    }

    /** A static {@link Callers}: each key's caller, the master key's as master; any other key is refused. */
    static Callers callers() {
        Map<String, Caller> byKey = ALL.stream().collect(Collectors.toMap(Tenant::key, Tenants::caller));
        Map<String, Caller> byKeyId = byKey.values().stream()
                .filter(caller -> caller.keyId().isPresent())
                .collect(Collectors.toMap(caller -> caller.keyId().get(), Function.identity()));
        return new Callers() {
            @Override
            public Caller authenticate(String apiKey) {
                Caller caller = byKey.get(apiKey);
                if (caller == null) {
                    throw Callers.incorrectKey(apiKey);
                }
                return caller;
            }

            @Override
            public Optional<Caller> byKeyId(String keyId) {
                return Optional.ofNullable(byKeyId.get(keyId));
            }
        };
    }

    private static Caller caller(Tenant tenant) {
        if (tenant == MASTER) {
            return Caller.master(tenant.projectId());
        }
        Optional<String> team = tenant == SOLO ? Optional.empty() : Optional.of(tenant.projectId());
        String keyId = tenant.key().substring("sk-".length());
        return new Caller(tenant.projectId(), Optional.of(keyId), team, false, Limits.NONE, Limits.NONE);
    }
}
