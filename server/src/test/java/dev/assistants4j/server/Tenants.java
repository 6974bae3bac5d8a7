package dev.assistants4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.TestServer.Setup;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The callers of the isolation tests: team A with two keys (one project, {@code team-a}), team B ({@code team-b}), a
 * key without a team (project {@code key-} and its key id) and the master key ({@code proj_default}). The teams and
 * keys are made as an operator makes them, through {@code /team/new} and {@code /key/generate} with the master key
 * ({@link #of(ServerExtension)}), and the server resolves them with its own stored keys. Immutable.
 */
final class Tenants {

    /** The master key of the server {@link #setup()} configures. */
    static final String MASTER_KEY = "sk-isolation-master-key-0005";

    /**
     * One API key and the project it acts in. The constants below name the roles; {@link #of(ServerExtension)} gives
     * each its real key and project, and a tenant equals the constant of its role (its name), so either can be a map
     * key.
     */
    record Tenant(String name, String key, String projectId) {

        /** The request headers that present this tenant's key. */
        String[] auth() {
            return new String[] {"Authorization", "Bearer " + key};
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Tenant tenant && tenant.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Tenant TEAM_A = new Tenant("team A (first key)", null, "team-a");
    static final Tenant TEAM_A_SECOND = new Tenant("team A (second key)", null, "team-a");
    static final Tenant TEAM_B = new Tenant("team B", null, "team-b");
    static final Tenant SOLO = new Tenant("teamless key", null, null);
    static final Tenant MASTER = new Tenant("master key", MASTER_KEY, "proj_default");

    private Tenants() {}

    /** The server setup these tenants need: a master key, so that every other key is one the server stores. */
    static UnaryOperator<Setup> setup() {
        return setup -> setup.withMasterKey(MASTER_KEY);
    }

    /** Makes the two teams and their keys, and the teamless key, on {@code server}; the master key last. */
    static List<Tenant> of(ServerExtension server) {
        HttpTestClient http = server.http();
        admin(http, "/team/new", "{\"team_id\":\"team-a\",\"team_alias\":\"isolation team A\"}");
        admin(http, "/team/new", "{\"team_id\":\"team-b\",\"team_alias\":\"isolation team B\"}");
        return List.of(
                keyOf(http, TEAM_A, "{\"team_id\":\"team-a\",\"key_alias\":\"team-a-first\"}"),
                keyOf(http, TEAM_A_SECOND, "{\"team_id\":\"team-a\",\"key_alias\":\"team-a-second\"}"),
                keyOf(http, TEAM_B, "{\"team_id\":\"team-b\",\"key_alias\":\"team-b\"}"),
                keyOf(http, SOLO, "{\"key_alias\":\"teamless\"}"),
                MASTER);
    }

    private static Tenant keyOf(HttpTestClient http, Tenant role, String body) {
        JsonNode generated = admin(http, "/key/generate", body);
        String project = role.projectId() != null
                ? role.projectId()
                : "key-" + generated.path("key_id").asText();
        Tenant tenant = new Tenant(role.name(), generated.path("key").asText(), project);
        Objects.requireNonNull(tenant.key(), "no key in " + generated);
        return tenant;
    }

    private static JsonNode admin(HttpTestClient http, String path, String body) {
        Reply reply = http.post(path, body, "Authorization", "Bearer " + MASTER_KEY);
        if (reply.status() != 200) {
            throw new AssertionError("POST " + path + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }
}
