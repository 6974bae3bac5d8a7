package dev.assistants4j.server;

import static dev.assistants4j.server.StaticCallers.budget;
import static dev.assistants4j.server.StaticCallers.rates;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.config.DatabaseConfig;
import dev.assistants4j.server.engine.EngineTestSupport;
import dev.assistants4j.testkit.Poll;
import dev.assistants4j.testkit.TestPostgres;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two in-process nodes on one PostgreSQL schema hold a key's limits together: its rpm within 10 % (each node syncs its
 * counts every 200 ms, no write per request), its parallel requests, and its budget.
 */
class CrossNodeLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int RPM = 30;

    private static final StaticCallers CALLERS = new StaticCallers()
            .key("sk-rpm", "k-rpm", rates(RPM, null, null))
            .key("sk-parallel", "k-parallel", rates(null, null, 1))
            .key("sk-budget", "k-budget", budget("0.01", null));

    @RegisterExtension
    final ServerExtension ext = ServerExtension.withFakeUpstream().upstreamOnly();

    private HttpTestClient a;
    private HttpTestClient b;

    @BeforeEach
    void twoNodes() throws Exception {
        TestPostgres database = ext.closeAfter(TestPostgres.create());
        a = node(database, "a");
        b = node(database, "b");
    }

    private HttpTestClient node(TestPostgres database, String name) throws Exception {
        var config = EngineTestSupport.routingTo(ext.upstream())
                .withDatabase(DatabaseConfig.postgres(database.url()).withPoolLimit(4));
        var dataDir = Files.createDirectories(ext.dir().resolve("node-" + name));
        AssistantsServer server = ext.closeAfter(TestServer.start(TestServer.Setup.of(dataDir, config)
                .withEngine(EngineTestSupport.FAST)
                .withFileSearch(FileSearch.NONE)
                .withCallers(CALLERS)));
        return new HttpTestClient(server, dataDir);
    }

    @Test
    void an_rpm_limit_holds_across_two_nodes_within_ten_percent() {
        // a minute's window must hold the whole test: start early in a minute
        assertThat(Poll.holds(Duration.ofSeconds(60), () -> Instant.now().getEpochSecond() % 60 < 40))
                .isTrue();
        int admitted = 0;
        int refused = 0;
        long next = System.nanoTime();
        for (int i = 0; i < 2 * RPM; i++) { // 10 requests a second, alternating between the nodes
            next += TimeUnit.MILLISECONDS.toNanos(100);
            int status = (i % 2 == 0 ? a : b).chat("sk-rpm", "gpt-4o").status();
            admitted += status == 200 ? 1 : 0;
            refused += status == 429 ? 1 : 0;
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        }

        System.out.printf(
                "rate-limit accuracy on 2 nodes: rpm_limit %d, admitted %d (%+.1f %%), refused %d%n",
                RPM, admitted, 100.0 * (admitted - RPM) / RPM, refused);
        assertThat(admitted).isBetween(RPM, RPM + RPM / 10);
        assertThat(admitted + refused).isEqualTo(2 * RPM);
    }

    @Test
    void a_call_in_flight_on_one_node_counts_against_max_parallel_requests_on_the_other() {
        ext.upstream()
                .enqueue(dev.assistants4j.testkit.Reply.text("slow").delayBeforeFirstToken(Duration.ofSeconds(3)));
        CompletableFuture<Reply> slow = CompletableFuture.supplyAsync(() -> a.chat("sk-parallel", "gpt-4o"));
        assertThat(Poll.holds(WAIT, () -> ext.upstream().requestCount() == 1)).isTrue();

        boolean refusedOnB =
                Poll.holds(WAIT, () -> b.chat("sk-parallel", "gpt-4o").status() == 429);

        assertThat(refusedOnB).isTrue();
        assertThat(slow.join().status()).isEqualTo(200);
        assertThat(Poll.holds(WAIT, () -> b.chat("sk-parallel", "gpt-4o").status() == 200))
                .as("free again on b once a's call ended")
                .isTrue();
    }

    @Test
    void spend_on_one_node_counts_against_the_budget_on_the_other() {
        ext.upstream().enqueue(ServerReplies.costing(100_000)); // $0.25 of $0.01
        assertThat(a.chat("sk-budget", "gpt-4o").status()).isEqualTo(200);

        boolean refusedOnB =
                Poll.holds(WAIT, () -> b.chat("sk-budget", "gpt-4o").status() == 400);

        assertThat(refusedOnB).isTrue();
        assertThat(a.chat("sk-budget", "gpt-4o").status()).isEqualTo(400);
    }
}
