package dev.assistants4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.params.AssistantParams;
import dev.assistants4j.client.params.ListParams;
import dev.assistants4j.client.params.RunParams;
import dev.assistants4j.client.params.ThreadParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calls that wait (runThread, uploadAndPoll), the async twins, errors, and the client's lifecycle. */
class ClientCallsTest {

    private final FakeTransport transport = new FakeTransport();
    private final Assistants4j client =
            new DefaultAssistants4j(transport, new Backoff(Duration.ofMillis(1), Duration.ofMillis(4)));

    static String run(String status) {
        return "{\"id\":\"run_1\",\"object\":\"thread.run\",\"thread_id\":\"thread_1\",\"status\":\"" + status + "\"}";
    }

    @Test
    void runThread_creates_the_run_then_polls_it_until_it_is_terminal() {
        transport
                .answer(run("queued"))
                .answer(run("in_progress"))
                .answer(run("in_progress"))
                .answer(run("completed"));

        var finished = client.runThread("thread_1", RunParams.of("asst_1"));

        assertThat(finished.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(transport.requests)
                .extracting(ApiRequest::method, ApiRequest::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ApiRequest.Method.POST, "/threads/thread_1/runs"),
                        org.assertj.core.groups.Tuple.tuple(ApiRequest.Method.GET, "/threads/thread_1/runs/run_1"),
                        org.assertj.core.groups.Tuple.tuple(ApiRequest.Method.GET, "/threads/thread_1/runs/run_1"),
                        org.assertj.core.groups.Tuple.tuple(ApiRequest.Method.GET, "/threads/thread_1/runs/run_1"));
    }

    @Test
    void createThreadAndRun_returns_at_once_and_pollRun_waits() {
        transport.answer(run("queued")).answer(run("in_progress")).answer(run("expired"));

        var queued = client.createThreadAndRun(ThreadParams.builder().build(), RunParams.of("asst_1"));
        var ended = client.pollRun(queued.threadId(), queued.id());

        assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(ended.status()).isEqualTo(RunStatus.EXPIRED);
        assertThat(transport.requests.get(0).path()).isEqualTo("/threads/runs");
        assertThat(transport.body(0)).isEqualTo(Wire.parse("{\"assistant_id\":\"asst_1\",\"thread\":{}}"));
    }

    @Test
    void runThread_stops_polling_when_the_run_requires_action() {
        transport.answer(run("queued")).answer(run("requires_action"));

        assertThat(client.runThread("thread_1", RunParams.of("asst_1")).status())
                .isEqualTo(RunStatus.REQUIRES_ACTION);
        assertThat(transport.requests).hasSize(2);
    }

    @Test
    void uploadAndPoll_uploads_each_file_creates_a_batch_and_polls_until_it_is_done(@TempDir Path dir)
            throws Exception {
        Path a = Files.writeString(dir.resolve("a.md"), "alpha");
        Path b = Files.writeString(dir.resolve("b.md"), "beta");
        transport
                .answer("{\"id\":\"file_a\",\"object\":\"file\"}")
                .answer("{\"id\":\"file_b\",\"object\":\"file\"}")
                .answer("{\"id\":\"vsfb_1\",\"status\":\"in_progress\"}")
                .answer("{\"id\":\"vsfb_1\",\"status\":\"in_progress\"}")
                .answer("{\"id\":\"vsfb_1\",\"status\":\"completed\",\"file_counts\":{\"completed\":2,\"total\":2}}");

        var batch = client.uploadAndPoll("vs_1", List.of(a, b));

        assertThat(batch.status()).isEqualTo("completed");
        assertThat(batch.fileCounts().completed()).isEqualTo(2);
        var upload = (RequestBody.FileUpload) transport.requests.get(1).body();
        assertThat(upload.filename()).isEqualTo("b.md");
        assertThat(new String(upload.content())).isEqualTo("beta");
        assertThat(transport.body(2)).isEqualTo(Wire.parse("{\"file_ids\":[\"file_a\",\"file_b\"]}"));
        assertThat(transport.last().path()).isEqualTo("/vector_stores/vs_1/file_batches/vsfb_1");
    }

    @Test
    void async_twins_complete_with_the_result_or_the_api_exception_itself() throws Exception {
        transport.answer("{\"id\":\"asst_1\",\"object\":\"assistant\",\"model\":\"gpt-4o\"}");
        transport.fail(new NotFoundException("No assistant found", "invalid_request_error", null, null));

        var created = client.createAssistantAsync(
                        AssistantParams.builder("gpt-4o").build())
                .get(10, TimeUnit.SECONDS);
        var missing = client.getAssistantAsync("asst_x");

        assertThat(created.id()).isEqualTo("asst_1");
        assertThatThrownBy(() -> missing.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No assistant found");
    }

    @Test
    void runThreadAsync_polls_on_the_executor() throws Exception {
        transport.answer(run("queued")).answer(run("failed"));

        var finished = client.runThreadAsync("thread_1", RunParams.of("asst_1")).get(10, TimeUnit.SECONDS);

        assertThat(finished.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void async_makes_a_twin_of_any_call() throws Exception {
        transport.answer("{\"object\":\"list\",\"data\":[{\"id\":\"file_1\",\"bytes\":3}],\"has_more\":false}");

        var files = client.async(c -> c.listFiles(ListParams.DEFAULT)).get(10, TimeUnit.SECONDS);

        assertThat(files.data()).extracting("id").containsExactly("file_1");
        assertThat(transport.last().path()).isEqualTo("/files");
    }

    @Test
    void fileContent_downloads_the_bytes_and_close_closes_the_transport() {
        transport.download(new byte[] {1, 2, 3});

        assertThat(client.fileContent("file 1")).containsExactly(1, 2, 3);
        assertThat(transport.last().path()).isEqualTo("/files/file%201/content");

        client.close();
        assertThat(transport.closed).isTrue();
    }

    @Test
    void an_empty_or_null_id_is_refused_before_anything_is_sent() {
        assertThatThrownBy(() -> client.getAssistant(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected a non-empty id in /assistants/{id}, but id 1 is ''");
        assertThatThrownBy(() -> client.getRun("thread_1", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected a non-empty id in /threads/{id}/runs/{id}, but id 2 is null");
        assertThatThrownBy(() -> client.addMessage("", "Hi")).isInstanceOf(IllegalArgumentException.class);

        assertThat(transport.requests).isEmpty();
    }

    @Test
    void embedded_without_the_server_on_the_class_path_names_the_artifact(@TempDir Path dir) {
        assertThatThrownBy(() -> Assistants4j.embedded(dir.resolve("config.yaml"), dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("assistants4j-server");
        assertThatThrownBy(() ->
                        Assistants4j.embedded().configYaml("model_list: []").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("data dir");
    }
}
