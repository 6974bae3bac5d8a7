package dev.assistants4j.server.engine;

import static dev.assistants4j.server.engine.RunHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.MultipartForm;
import dev.assistants4j.server.ServerProcess;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.SmallDisk;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose disk fills up while a run streams: writes answer 503 in OpenAI's envelope, readiness says not ready,
 * the streaming client gets an {@code error} event, and once space is freed, with no restart, the run reaches a
 * terminal status, readiness recovers and everything acknowledged before is still there. The data dir lives on a
 * 24 MB {@link SmallDisk}.
 */
class FullDiskTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private SmallDisk disk;
    private FakeUpstream upstream;
    private ServerProcess server;

    @BeforeEach
    void mountSmallDisk() {
        disk = SmallDisk.mount(dir.resolve("disk"), 24);
        upstream = FakeUpstream.start();
        server = ServerProcess.start(
                disk.path().resolve("data"), ServerProcess.routingTo(upstream.baseUrl()), List.of());
    }

    @AfterEach
    void unmount() {
        if (server != null) server.close();
        if (upstream != null) upstream.close();
        disk.close();
    }

    @Test
    void a_full_disk_fails_writes_with_503_and_the_run_ends_once_space_is_back() throws Exception {
        // given acknowledged objects, and a run whose model writes slowly, followed by a streaming client
        RunHttp http = new RunHttp(server.baseUrl());
        String assistant = http.createAssistant();
        String before = http.createThread("Stored before the disk filled.");
        upstream.enqueue(Reply.text(Collections.nCopies(100, "word ").toArray(String[]::new))
                .delayBetweenTokens(Duration.ofMillis(100)));
        String thread = http.createThread("Tell me a long story.");
        CompletableFuture<RunHttp.Response> stream =
                http.postAsync("/threads/" + thread + "/runs", "{'assistant_id':'" + assistant + "','stream':true}");
        RunHttp.awaitTrue(
                "the run's message is stored", () -> http.messages(thread).size() == 2);

        // when the disk fills up
        Path filler = disk.fill();
        RunHttp.Response refused = writeUntilRefused(http);

        // then writes are refused with a 503 in OpenAI's envelope, reads still work, readiness says not ready
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.error().get("type").asText()).isEqualTo("server_error");
        assertThat(refused.error().get("code").asText()).isEqualTo("store_unavailable");
        assertThat(refused.error().get("message").asText()).contains("disk is full");
        assertThat(health("readiness")).isEqualTo(503);
        HttpResponse<String> upload = upload("notes.txt", "x".repeat(256 * 1024));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(503);
        assertThat(RunHttp.parse(upload.body()).at("/error/code").asText()).isEqualTo("store_unavailable");
        assertThat(health("liveness")).isEqualTo(200);
        assertThat(ok(http.get("/threads/" + before)).get("id").asText()).isEqualTo(before);
        // and the streaming client is told, while the run cannot end yet
        RunHttp.Response streamed = stream.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(streamed.body()).contains("event: error", "store_unavailable");
        String runId = http.runs(thread).getFirst().get("id").asText();
        assertThat(http.run(thread, runId).get("status").asText()).isEqualTo("in_progress");

        // when space is freed (no restart)
        Files.delete(filler);

        // then the run ends, its message with it, readiness recovers, and nothing acknowledged is lost
        JsonNode ended = http.awaitTerminal(thread, runId);
        assertThat(ended.get("status").asText()).isEqualTo("failed");
        assertThat(ended.at("/last_error/code").asText()).isEqualTo("server_error");
        JsonNode message = http.messages(thread).getLast();
        assertThat(message.get("status").asText()).isEqualTo("incomplete");
        RunHttp.awaitTrue("ready again", () -> health("readiness") == 200);
        assertThat(ok(http.get("/threads/" + before)).get("id").asText()).isEqualTo(before);
        assertThat(ok(http.get("/assistants/" + assistant)).get("id").asText()).isEqualTo(assistant);
        assertThat(http.createThread("After the disk was freed.")).startsWith("thread_");
        assertThat(upload("notes.txt", "after").statusCode()).isEqualTo(200);
        assertThat(server.alive()).isTrue();
    }

    /** Creates threads until one is refused (the WAL may hold a few more writes after the disk is full). */
    private static RunHttp.Response writeUntilRefused(RunHttp http) {
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < 5000; attempt++) {
            RunHttp.Response response = http.post("/threads", "{'metadata':{'n':'" + attempt + "'}}");
            if (response.status() != 200) return response;
            statuses.add(response.status());
        }
        throw new AssertionError("no write was refused after " + statuses.size() + " on a full disk");
    }

    private HttpResponse<String> upload(String name, String content) throws IOException, InterruptedException {
        MultipartForm form =
                new MultipartForm().field("purpose", "assistants").file(name, content.getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/files"))
                                .header("Content-Type", form.contentType())
                                .POST(form.publisher())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private int health(String which) {
        return new RunHttp("http://127.0.0.1:" + server.port())
                .get("/health/" + which)
                .status();
    }
}
