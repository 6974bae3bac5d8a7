package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.TestServer.Setup;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.http.FilesRoutes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Files API over raw HTTP where the SDKs cannot see: client file names stay data and never become paths, the
 * download headers, where the bytes land on disk, what delete and restart do to them, and the upload size limits.
 */
class FilesHttpTest {

    @TempDir
    Path dataDir;

    private AssistantsServer server;
    private HttpTestClient client;
    private StoredFiles stored;

    @AfterEach
    void stop() {
        if (server != null) {
            client.assertNoServerErrors();
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "../../etc/passwd",
                "..\\..\\windows\\win.ini",
                "/absolute/path.txt",
                "dir/../../../escape.txt",
                "..",
                "file-abc"
            })
    void file_name_with_path_segments_is_stored_as_a_name_only(String name) {
        // given
        start();
        byte[] content = bytes("name test");

        // when
        JsonNode file =
                upload(new MultipartForm().field("purpose", "assistants").file(name, content));

        // then
        String id = file.get("id").asText();
        assertThat(file.get("filename").asText()).isEqualTo(name);
        assertThat(client.get("/v1/files/" + id).json().get("filename").asText())
                .isEqualTo(name);
        assertThat(stored.everyFile())
                .filteredOn(path ->
                        !path.startsWith("assistants4j.db") && !path.startsWith("index/") && !path.startsWith("cache/"))
                .containsExactly("files/" + id);
        assertThat(download(id).body()).isEqualTo(content);
    }

    @Test
    void control_characters_are_removed_from_the_name_and_long_names_are_capped() {
        // given
        start();
        String longName = "x".repeat(600) + ".pdf";

        // when (control characters cannot travel raw in a part header, only encoded in filename*)
        JsonNode encoded = upload(new MultipartForm()
                .field("purpose", "assistants")
                .rawPart("file", "; filename*=UTF-8''c%07d%09%0D%0Ae%C2%85f%E2%80%A8.txt", bytes("1")));
        JsonNode capped =
                upload(new MultipartForm().field("purpose", "assistants").file(longName, bytes("2")));

        // then
        assertThat(encoded.get("filename").asText()).isEqualTo("cdef.txt");
        assertThat(capped.get("filename").asText())
                .hasSize(512)
                .startsWith("xxx")
                .endsWith("x.pdf");
    }

    @Test
    void content_is_sent_with_its_type_length_and_a_safe_attachment_name() {
        // given
        start();
        byte[] content = bytes("%PDF-1.4 not really");
        String id = upload(new MultipartForm().field("purpose", "assistants").file("résumé ✓ final.pdf", content))
                .get("id")
                .asText();

        // when
        HttpResponse<byte[]> response = download(id);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"r_sum_ _ final.pdf\"; "
                        + "filename*=UTF-8''r%C3%A9sum%C3%A9%20%E2%9C%93%20final.pdf");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "notes.txt, text/plain",
        "data.JSONL, application/jsonl",
        "photo.png, image/png",
        "archive, application/octet-stream",
        "strange.xyz, application/octet-stream",
        "trailing., application/octet-stream"
    })
    void content_type_follows_the_file_name(String name, String contentType) {
        // given
        start();
        String id = upload(new MultipartForm().field("purpose", "assistants").file(name, bytes("x")))
                .get("id")
                .asText();

        // when
        HttpResponse<byte[]> response = download(id);

        // then
        assertThat(response.headers().firstValue("Content-Type")).contains(contentType);
    }

    @Test
    void quotes_in_a_name_cannot_break_out_of_the_disposition_header() {
        // given
        start();
        String id = upload(new MultipartForm().field("purpose", "assistants").file("a\\\"b;c=d.txt", bytes("q")))
                .get("id")
                .asText();

        // when
        String disposition =
                download(id).headers().firstValue("Content-Disposition").orElseThrow();

        // then
        String fallback =
                disposition.substring("attachment; filename=\"".length(), disposition.indexOf("\"; filename*="));
        assertThat(fallback).doesNotContain("\"").doesNotContain("\\");
        assertThat(disposition)
                .matches("attachment; filename=\"[^\"]*\"; filename\\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+");
    }

    @Test
    void large_upload_is_spooled_and_streamed_past_the_json_body_limit() {
        // given a server whose JSON body limit (64 KiB) is far below the upload
        server = TestServer.start(Setup.of(dataDir, ConfigLoader.defaults(Map.of()))
                .withOptions(new ServerOptions("127.0.0.1", 0, dataDir, 64 * 1024)));
        client = new HttpTestClient(server, dataDir);
        stored = new StoredFiles(dataDir);
        byte[] content = randomBytes(3 * 1024 * 1024);

        // when
        JsonNode file = upload(new MultipartForm().field("purpose", "user_data").file("big.bin", content));

        // then
        String id = file.get("id").asText();
        assertThat(file.get("bytes").asLong()).isEqualTo(content.length);
        assertThat(download(id).body()).isEqualTo(content);
        assertThat(stored.blobNames()).containsExactly(id);
        stored.awaitNoSpooledParts();
    }

    @Test
    void upload_exactly_at_the_limit_is_accepted() {
        // given
        start(1_000);

        MultipartForm form = new MultipartForm().field("purpose", "assistants").file("edge.bin", new byte[1_000]);

        // when
        Reply reply = client.send("POST", "/v1/files", form.publisher(), "Content-Type", form.contentType());

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("bytes").asLong()).isEqualTo(1_000);
    }

    @Test
    void delete_removes_the_row_and_the_blob() {
        // given
        start();
        String kept = upload(new MultipartForm().field("purpose", "assistants").file("kept.txt", bytes("k")))
                .get("id")
                .asText();
        String doomed = upload(
                        new MultipartForm().field("purpose", "assistants").file("doomed.txt", bytes("d")))
                .get("id")
                .asText();

        // when
        Reply reply = client.delete("/v1/files/" + doomed);

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json())
                .isEqualTo(HttpTestClient.parse("{\"id\":\"" + doomed + "\",\"object\":\"file\",\"deleted\":true}"));
        assertThat(stored.rowIds()).containsExactly(kept);
        assertThat(stored.blobNames()).containsExactly(kept);
        assertThat(client.get("/v1/files/" + doomed + "/content").status()).isEqualTo(404);
    }

    @Test
    void files_and_their_content_survive_a_restart() {
        // given
        start();
        byte[] content = randomBytes(100_000);
        JsonNode before = upload(new MultipartForm()
                .field("purpose", "vision")
                .field("expires_after[anchor]", "created_at")
                .field("expires_after[seconds]", "7200")
                .file("kept.png", content));
        String id = before.get("id").asText();
        server.close();

        // when
        start();

        // then
        assertThat(client.get("/v1/files/" + id).json()).isEqualTo(before);
        assertThat(client.get("/v1/files?purpose=vision").json().get("data").get(0))
                .isEqualTo(before);
        assertThat(download(id).body()).isEqualTo(content);
    }

    @Test
    void azure_base_path_serves_the_same_files() {
        // given
        start();
        MultipartForm form = new MultipartForm().field("purpose", "assistants").file("azure.txt", bytes("az"));

        // when
        Reply created = client.send(
                "POST", "/openai/files?api-version=2024-10-21", form.publisher(), "Content-Type", form.contentType());

        // then
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asText();
        assertThat(client.get("/v1/files/" + id).json()).isEqualTo(created.json());
        assertThat(client.get("/openai/files/" + id + "/content?api-version=2024-10-21")
                        .body())
                .isEqualTo("az");
    }

    /** A server with the default upload limit (512 MB). */
    private void start() {
        start(FilesRoutes.DEFAULT_MAX_UPLOAD_BYTES);
    }

    private void start(long maxUploadBytes) {
        server = TestServer.start(
                Setup.of(dataDir, ConfigLoader.defaults(Map.of())).withMaxUploadBytes(maxUploadBytes));
        client = new HttpTestClient(server, dataDir);
        stored = new StoredFiles(dataDir);
    }

    private JsonNode upload(MultipartForm form) {
        Reply reply = client.send("POST", "/v1/files", form.publisher(), "Content-Type", form.contentType());
        assertThat(reply.status()).as("upload: %s", reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** The content, read as bytes (the test client reads bodies as text). */
    private HttpResponse<byte[]> download(String id) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/files/" + id + "/content"))
                .GET()
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(7).nextBytes(bytes);
        return bytes;
    }
}
