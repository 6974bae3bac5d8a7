package dev.assistants4j.server.engine;

import static dev.assistants4j.server.engine.RunHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.ServerProcess;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Poll;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.TestPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several real server processes ({@code assistants4j serve}, each in a JVM of its own) on one PostgreSQL schema, with
 * a short run lease (2 s): a node killed with SIGKILL in the middle of a streamed answer has its run taken over by
 * another node, which answers again from scratch (one assistant message, one step); a node frozen with SIGSTOP past
 * its lease writes nothing of the run once it wakes; a cancel sent to one node stops a run executing on another; and a
 * second run on a thread whose run executes elsewhere is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeProcessTest {

    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration TAKEOVER_SCAN = Duration.ofSeconds(2);
    /** Lease + scan + margin for a loaded machine: a takeover later than this is a failure. */
    private static final Duration TAKEOVER_LIMIT = LEASE.plus(TAKEOVER_SCAN).plusSeconds(6);

    private static final String SLOW_TOKEN = "word ";
    private static final String WHOLE_ANSWER = "The whole answer.";

    /** Quicker start-up on a small, busy machine; the nodes serve a handful of requests each. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @TempDir
    static Path dir;

    private final FakeUpstream upstream = FakeUpstream.start();
    private TestPostgres database;
    /** Nodes a, b and c, started once for the class (a JVM takes seconds to start); a killed node is started again. */
    private final ServerProcess[] nodes = new ServerProcess[3];

    @BeforeAll
    void startNodes() {
        database = TestPostgres.create();
        startDeadNodes();
    }

    @BeforeEach
    void resetUpstream() {
        startDeadNodes();
        upstream.defaultReply(Reply.text("ok"));
        chatsBefore = chatRequests();
    }

    @AfterAll
    void stop() {
        for (ServerProcess node : nodes) {
            if (node != null) node.close();
        }
        upstream.close();
        if (database != null) database.close();
    }

    private int chatsBefore;

    @Test
    @Order(3)
    void a_node_paused_past_its_lease_writes_nothing_of_the_run_another_node_took_over() {
        // given a run executing on node a, its answer's message stored in progress
        upstream.enqueue(Reply.text(Collections.nCopies(10, "a ").toArray(String[]::new))
                .delayBetweenTokens(Duration.ofMillis(200)));
        upstream.defaultReply(Reply.text(Collections.nCopies(40, "b ").toArray(String[]::new))
                .delayBetweenTokens(Duration.ofMillis(300)));
        ServerProcess a = nodes[0];
        RunHttp onA = new RunHttp(a.baseUrl());
        RunHttp onB = new RunHttp(nodes[1].baseUrl());
        String assistant = onA.createAssistant();
        String thread = onA.createThread("Hi");
        String run = onA.startRun(thread, assistant).get("id").asText();
        RunHttp.awaitTrue(
                "node a stored its message in progress",
                () -> onB.messages(thread).size() == 2);

        // when node a freezes past its lease, another node takes the run over, and a goes on while that node answers
        a.pause();
        boolean takenOver;
        try {
            takenOver = Poll.holds(TAKEOVER_LIMIT, () -> chatRequests() == chatsBefore + 2);
        } finally {
            a.resume();
        }

        // then a stops without writing (its answer was all in its socket when it woke), the other node's answer is
        // the run's only one, and the run ends once, there
        assertThat(takenOver)
                .as("another node asked the model within %s", TAKEOVER_LIMIT)
                .isTrue();
        assertThat(Poll.holds(RunHttp.DEADLINE, () -> a.log().contains("Run " + run + " stopped here")))
                .as("node a stopped the run; its log:%n%s", a.log())
                .isTrue();
        System.out.printf(
                "MultiNodeProcessTest: paused node a %s%n",
                a.log().contains("its writes were refused")
                        ? "had its writes refused by the fence"
                        : "found its lease lost on renewal first");
        assertThat(onB.run(thread, run).get("status").asText())
                .as("the run is still the other node's, in progress")
                .isEqualTo("in_progress");
        JsonNode finished = onB.awaitTerminal(thread, run);
        assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("completed");
        assertOneAnswer(onB, thread, run, "b ".repeat(40));
        assertThat(chatRequests()).isEqualTo(chatsBefore + 2);
    }

    @Test
    @Order(4) // last: it kills node a
    void a_run_streaming_on_a_node_killed_with_sigkill_is_taken_over_and_answered_once() throws Exception {
        // given a run streaming a slow answer from node a, with node b alive on the same database
        upstream.enqueue(slowAnswer());
        upstream.defaultReply(Reply.text(WHOLE_ANSWER));
        ServerProcess a = nodes[0];
        ServerProcess b = nodes[1];
        RunHttp onA = new RunHttp(a.baseUrl());
        RunHttp onB = new RunHttp(b.baseUrl());
        String assistant = onA.createAssistant();
        String thread = onA.createThread("Hi");
        HttpResponse<InputStream> stream =
                onA.postStreamed("/threads/" + thread + "/runs", "{'assistant_id':'" + assistant + "','stream':true}");
        CountDownLatch delta = new CountDownLatch(1);
        CompletableFuture<Void> drained = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            drain(stream.body(), delta);
            drained.complete(null);
        });
        assertThat(delta.await(RunHttp.DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .as("node a streamed a message delta")
                .isTrue();
        String run = onA.awaitNewestRun(thread);
        RunHttp.awaitTrue(
                "node a stored its message in progress",
                () -> onB.messages(thread).size() == 2);

        // when node a is killed
        long killed = System.nanoTime();
        a.kill();

        // then node b asks the model again within lease + scan (+ margin) and the run completes there
        boolean askedAgain = Poll.holds(TAKEOVER_LIMIT, () -> chatRequests() == chatsBefore + 2);
        long takeoverMillis = (System.nanoTime() - killed) / 1_000_000;
        System.out.printf(
                "MultiNodeProcessTest: run %s taken over %d ms after kill -9 (lease %s, scan %s)%n",
                run, takeoverMillis, LEASE, TAKEOVER_SCAN);
        assertThat(askedAgain)
                .as("a second model call within %s of the kill; b's log:%n%s", TAKEOVER_LIMIT, nodes[1].log())
                .isTrue();
        JsonNode finished = onB.awaitTerminal(thread, run);
        assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("completed");
        assertThat(nodes[1].log() + nodes[2].log()).contains("takes over run " + run + " (in_progress)");
        assertOneAnswer(onB, thread, run, WHOLE_ANSWER);
        assertThat(chatRequests()).isEqualTo(chatsBefore + 2);
        drained.get(10, TimeUnit.SECONDS); // the stream from the dead node ended (cut), it did not hang
    }

    @Test
    @Order(1)
    void a_cancel_sent_to_one_node_stops_a_run_executing_on_another() {
        // given a run executing on node a, streaming a slow answer
        Executing executing = slowRunOnNodeA();
        RunHttp onA = executing.onA();
        RunHttp onB = new RunHttp(nodes[1].baseUrl());
        String thread = executing.thread();
        String run = executing.run();

        // when the cancel is sent to node b
        RunHttp.Response cancel = onB.cancel(thread, run);

        // then b answers cancelling, and the run ends cancelled where it executes, its model stream closed
        assertThat(ok(cancel).get("status").asText()).isEqualTo("cancelling");
        JsonNode cancelled = onB.awaitTerminal(thread, run);
        assertThat(cancelled.get("status").asText()).as(cancelled.toString()).isEqualTo("cancelled");
        assertThat(upstream.awaitDisconnect(Duration.ofSeconds(10)))
                .as("node a closed its model stream")
                .isTrue();
        assertThat(onA.run(thread, run).get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    @Order(2)
    void a_second_run_on_a_thread_whose_run_executes_on_another_node_is_refused() {
        // given a run executing on node a, with nodes b and c on the same database
        Executing executing = slowRunOnNodeA();
        RunHttp onA = executing.onA();
        RunHttp onC = new RunHttp(nodes[2].baseUrl());
        String assistant = executing.assistant();
        String thread = executing.thread();
        String run = executing.run();

        // when a second run on the thread is sent to node c
        RunHttp.Response second = onC.createRun(thread, assistant, "");

        // then c refuses it, and the thread keeps its one run, still running
        assertThat(second.status()).as(second.body()).isEqualTo(400);
        assertThat(second.json().at("/error/message").asText()).contains("already has an active run " + run);
        assertThat(onC.runs(thread)).extracting(r -> r.get("id").asText()).containsExactly(run);
        assertThat(onC.run(thread, run).get("status").asText()).isEqualTo("in_progress");
        assertThat(chatRequests()).isEqualTo(chatsBefore + 1);
        assertThat(ok(onC.cancel(thread, run)).get("status").asText()).isEqualTo("cancelling");
        assertThat(onA.awaitTerminal(thread, run).get("status").asText()).isEqualTo("cancelled");
    }

    /** A run of a new assistant on a new thread, started on node a, which is streaming its slow answer. */
    private record Executing(RunHttp onA, String assistant, String thread, String run) {}

    private Executing slowRunOnNodeA() {
        upstream.defaultReply(slowAnswer());
        RunHttp onA = new RunHttp(nodes[0].baseUrl());
        String assistant = onA.createAssistant();
        String thread = onA.createThread("Hi");
        String run = onA.startRun(thread, assistant).get("id").asText();
        RunHttp.awaitTrue("node a called the model", () -> chatRequests() == chatsBefore + 1);
        return new Executing(onA, assistant, thread, run);
    }

    /** A long answer: 100 tokens, 300 ms apart (30 s), much longer than any test waits for it. */
    private static Reply slowAnswer() {
        return Reply.text(Collections.nCopies(100, SLOW_TOKEN).toArray(String[]::new))
                .delayBetweenTokens(Duration.ofMillis(300));
    }

    private int chatRequests() {
        return (int) upstream.requests().stream()
                .filter(request -> request.path().endsWith("/chat/completions"))
                .count();
    }

    /** Starts the nodes not running (all at first, a killed one later), concurrently, on the class's schema. */
    private void startDeadNodes() {
        List<Thread> starting = new ArrayList<>();
        for (int n = 0; n < nodes.length; n++) {
            if (nodes[n] != null && nodes[n].alive()) continue;
            int index = n;
            starting.add(Thread.ofPlatform()
                    .start(() -> nodes[index] = ServerProcess.start(
                            dir.resolve("node-" + index),
                            ServerProcess.routingTo(upstream.baseUrl()),
                            JVM_OPTIONS,
                            List.of("--database-url", database.url()),
                            Map.of("ASSISTANTS4J_RUN_LEASE_SECONDS", Long.toString(LEASE.toSeconds())))));
        }
        for (Thread thread : starting) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        for (ServerProcess node : nodes) {
            assertThat(node).as("every node started (see the log above)").isNotNull();
        }
    }

    /** Reads a run's SSE stream to its end (or its cut), counting down {@code delta} at the first message delta. */
    private static void drain(InputStream body, CountDownLatch delta) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals("event: thread.message.delta")) delta.countDown();
            }
        } catch (IOException e) {
            // the node was killed while streaming: the stream ends cut, as the client of a dead node sees it
        }
    }

    /** Asserts that {@code run} answered {@code answer} in one completed message, made by its one completed step. */
    private static void assertOneAnswer(RunHttp http, String thread, String run, String answer) {
        List<JsonNode> messages = http.messages(thread);
        assertThat(messages).extracting(m -> m.get("role").asText()).containsExactly("user", "assistant");
        assertThat(RunHttp.text(messages.get(1))).isEqualTo(answer);
        assertThat(messages.get(1).get("status").asText()).isEqualTo("completed");
        List<JsonNode> steps = http.steps(thread, run);
        assertThat(steps).hasSize(1);
        assertThat(steps.getFirst().get("status").asText()).isEqualTo("completed");
        assertThat(steps.getFirst()
                        .at("/step_details/message_creation/message_id")
                        .asText())
                .isEqualTo(messages.get(1).get("id").asText());
    }
}
