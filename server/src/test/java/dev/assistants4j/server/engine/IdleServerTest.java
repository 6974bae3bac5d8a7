package dev.assistants4j.server.engine;

import static dev.assistants4j.server.engine.RunHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.server.ServerProcess;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server process left alone after code_interpreter was used keeps answering, and stops on SIGTERM.
 *
 * <p>The defect this guards against: a virtual thread blocked in a pipe read holds its carrier thread. The scheduler
 * makes up for it with spare carriers, which retire after 30 idle seconds (the JDK's fixed keep-alive, not
 * configurable); then nothing is left to run the server's requests. So the test idles well past that keep-alive (70 s
 * by default; {@code -Didle.seconds=N} changes it) before asking again. {@code CarrierGuard}, run after every test
 * class, finds the same class of bug without waiting.
 */
class IdleServerTest {

    private static final Duration IDLE = Duration.ofSeconds(Long.getLong("idle.seconds", 70));

    @TempDir
    Path dir;

    private FakeUpstream upstream;
    private ServerProcess server;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
        server = ServerProcess.start(dir.resolve("data"), ServerProcess.routingTo(upstream.baseUrl()), List.of());
    }

    @AfterEach
    void stop() {
        server.close();
        upstream.close();
    }

    @Test
    void a_server_idle_after_running_code_still_answers_and_stops_on_sigterm() throws Exception {
        // given a run whose model ran code, completed
        upstream.enqueue(Reply.toolCalls(CodeInterpreterRunTest.codeCall("print(6 * 7)")), Reply.text("It is 42."));
        RunHttp http = new RunHttp(server.baseUrl());
        String thread = http.createThread("What is 6 times 7?");
        String run = http.startRun(thread, http.createAssistant("[{'type':'code_interpreter'}]"))
                .get("id")
                .asText();
        assertThat(http.awaitTerminal(thread, run).get("status").asText()).isEqualTo("completed");

        // when nobody asks anything for a while
        Thread.sleep(IDLE); // the idle time is what is tested, not a wait for something

        // then it answers at once, serves the API, and stops on SIGTERM
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        int liveness = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health/liveness"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        BodyHandlers.ofString())
                .statusCode();
        assertThat(liveness)
                .as("liveness after %s idle; log:%n%s", IDLE, server.log())
                .isEqualTo(200);
        assertThat(ok(http.get("/threads/" + thread + "/runs/" + run))
                        .get("status")
                        .asText())
                .isEqualTo("completed");
        server.terminate();
        assertThat(server.awaitExit(Duration.ofSeconds(20)))
                .as("exit after SIGTERM; log:%n%s", server.log())
                .isPresent();
    }
}
