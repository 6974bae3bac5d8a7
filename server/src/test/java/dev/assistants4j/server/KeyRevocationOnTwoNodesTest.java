package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.config.DatabaseConfig;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.testkit.Poll;
import dev.assistants4j.testkit.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL database: a key made on one works on the other, and a delete, block or regenerate on
 * one is refused by the other within a second (each node polls the key changes every 250 ms).
 */
class KeyRevocationOnTwoNodesTest {

    private static final Duration LIMIT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private TestPostgres database;
    private AssistantsServer a;
    private AssistantsServer b;
    private HttpTestClient onA;
    private HttpTestClient onB;

    @BeforeEach
    void start() {
        database = TestPostgres.create();
        a = node("a");
        b = node("b");
        onA = new HttpTestClient(a, dir.resolve("a"));
        onB = new HttpTestClient(b, dir.resolve("b"));
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
        database.close();
    }

    @Test
    void a_key_deleted_on_one_node_is_refused_by_the_other_within_a_second() {
        String key = generate();

        onA.post("/key/delete", "{\"keys\":[\"" + key + "\"]}", master());

        assertThat(secondsUntilRefusedOnB(key)).isLessThan(LIMIT);
    }

    @Test
    void a_key_blocked_on_one_node_is_refused_by_the_other_within_a_second_and_unblocked_likewise() {
        String key = generate();

        onA.post("/key/block", "{\"key\":\"" + key + "\"}", master());
        Duration blocked = secondsUntilRefusedOnB(key);
        onA.post("/key/unblock", "{\"key\":\"" + key + "\"}", master());
        Reply back =
                Poll.until(Duration.ofSeconds(5), () -> onB.get("/v1/assistants", bearer(key)), r -> r.status() == 200);

        assertThat(blocked).isLessThan(LIMIT);
        assertThat(back.status()).isEqualTo(200);
    }

    @Test
    void a_key_regenerated_on_one_node_is_refused_by_the_other_within_a_second() {
        String key = generate();

        String fresh = onA.post("/key/regenerate", "{\"key\":\"" + key + "\"}", master())
                .json()
                .path("key")
                .asText();

        assertThat(secondsUntilRefusedOnB(key)).isLessThan(LIMIT);
        assertThat(onB.get("/v1/assistants", bearer(fresh)).status()).isEqualTo(200);
    }

    /** Makes a key on A and checks that B takes it (so B has it cached). */
    private String generate() {
        Reply generated = onA.post("/key/generate", "{}", master());
        assertThat(generated.status()).as(generated.body()).isEqualTo(200);
        String key = generated.json().path("key").asText();
        assertThat(onB.get("/v1/assistants", bearer(key)).status()).isEqualTo(200);
        return key;
    }

    /** How long after now B first refuses {@code key} (polled; fails after 5 s). */
    private Duration secondsUntilRefusedOnB(String key) {
        long start = System.nanoTime();
        Reply refused =
                Poll.until(Duration.ofSeconds(5), () -> onB.get("/v1/assistants", bearer(key)), r -> r.status() == 401);
        assertThat(refused.status()).isEqualTo(401);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private AssistantsServer node(String name) {
        ServerConfig config = new ServerConfig(
                        java.util.List.of(), Optional.of(TestServer.MASTER_KEY), Optional.empty())
                .withDatabase(DatabaseConfig.postgres(database.url()).withPoolLimit(4));
        return TestServer.start(dir.resolve(name), config);
    }

    private static String[] master() {
        return bearer(TestServer.MASTER_KEY);
    }

    private static String[] bearer(String key) {
        return new String[] {"Authorization", "Bearer " + key};
    }
}
