package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.TestServer.Setup;
import dev.assistants4j.server.config.ConfigLoader;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uploads and file requests the server must refuse, over raw HTTP: missing or unknown fields, bodies that are not
 * multipart, files over the upload limit (413), bad list queries and unknown ids (404). After every test nothing is
 * stored: no row in the {@code files} table and no blob in {@code files/}.
 */
class FilesBadInputTest {

    /** The upload limit of this suite's server, far below OpenAI's 512 MB. */
    private static final int LIMIT = 1_000;

    @TempDir
    static Path dataDir;

    static AssistantsServer server;
    static HttpTestClient client;
    static StoredFiles stored;

    @BeforeAll
    static void start() {
        server = TestServer.start(
                Setup.of(dataDir, ConfigLoader.defaults(Map.of())).withMaxUploadBytes(LIMIT));
        client = new HttpTestClient(server, dataDir);
        stored = new StoredFiles(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void nothing_was_stored_and_nothing_answered_500() {
        client.assertNoServerErrors();
        assertThat(stored.rowIds()).as("rows in the files table").isEmpty();
        assertThat(stored.blobNames()).as("blobs in files/").isEmpty();
    }

    @Test
    void upload_without_a_file_part_is_refused() {
        // when
        Reply reply = upload(new MultipartForm().field("purpose", "assistants"));

        // then
        assertCode(assertError(reply, 400, "file"), "missing_required_parameter");
    }

    @Test
    void upload_without_a_purpose_is_refused() {
        // when
        Reply reply = upload(new MultipartForm().file("a.txt", bytes("hello")));

        // then
        assertCode(assertError(reply, 400, "purpose"), "missing_required_parameter");
    }

    @ParameterizedTest(name = "purpose ''{0}''")
    @ValueSource(strings = {"nope", "", "Assistants", "batch_output", "fine-tune-results"})
    void upload_with_a_purpose_clients_cannot_upload_for_is_refused(String purpose) {
        // when
        Reply reply = upload(new MultipartForm().field("purpose", purpose).file("a.txt", bytes("hello")));

        // then
        JsonNode error = assertError(reply, 400, "purpose");
        assertThat(error.get("message").asText()).contains("'" + purpose + "'").contains("assistants");
    }

    @Test
    void upload_with_an_unknown_field_is_refused() {
        // when
        Reply reply = upload(new MultipartForm()
                .field("purpose", "assistants")
                .field("name", "report")
                .file("a.txt", bytes("hello")));

        // then
        assertCode(assertError(reply, 400, "name"), "unknown_parameter");
    }

    @Test
    void upload_with_two_file_parts_is_refused() {
        // when
        Reply reply = upload(new MultipartForm()
                .field("purpose", "assistants")
                .file("a.txt", bytes("one"))
                .file("b.txt", bytes("two")));

        // then
        assertError(reply, 400, "file");
    }

    @ParameterizedTest(name = "anchor={0} seconds={1}")
    @CsvSource(
            nullValues = "-",
            value = {
                "last_active_at, 3600, expires_after.anchor",
                "created_at, 3599, expires_after.seconds",
                "created_at, 2592001, expires_after.seconds",
                "created_at, soon, expires_after.seconds",
                "created_at, -, expires_after.seconds",
                "-, 3600, expires_after.anchor"
            })
    void expires_after_outside_the_rules_is_refused(String anchor, String seconds, String param) {
        // given
        MultipartForm form = new MultipartForm().field("purpose", "assistants").file("a.txt", bytes("hello"));
        if (anchor != null) {
            form.field("expires_after[anchor]", anchor);
        }
        if (seconds != null) {
            form.field("expires_after[seconds]", seconds);
        }

        // when
        Reply reply = upload(form);

        // then
        assertError(reply, 400, param);
    }

    static Stream<Arguments> notMultipart() {
        return Stream.of(
                Arguments.of("application/json", "{\"purpose\":\"assistants\",\"file\":\"aGVsbG8=\"}"),
                Arguments.of("application/x-www-form-urlencoded", "purpose=assistants&file=hello"),
                Arguments.of("text/plain", "hello"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notMultipart")
    void bodies_that_are_not_multipart_are_refused(String contentType, String body) {
        // when
        Reply reply = client.post("/v1/files", body, "Content-Type", contentType);

        // then
        JsonNode error = assertError(reply, 400, null);
        assertThat(error.get("message").asText()).contains("multipart/form-data");
    }

    static Stream<Arguments> malformedMultipart() {
        MultipartForm valid = new MultipartForm().field("purpose", "assistants").file("a.txt", bytes("hello"));
        byte[] whole = valid.bytes();
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 20);
        return Stream.of(
                Arguments.of("no parts at all", valid.contentType(), bytes("just some text")),
                Arguments.of("no boundary parameter", "multipart/form-data", whole),
                Arguments.of("cut short before the closing boundary", valid.contentType(), truncated),
                Arguments.of(
                        "a part without a name",
                        valid.contentType(),
                        new MultipartForm()
                                .field("purpose", "assistants")
                                .rawPart(null, "", bytes("x"))
                                .bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedMultipart")
    void malformed_multipart_bodies_are_refused(String label, String contentType, byte[] body) {
        // when
        Reply reply = client.send("POST", "/v1/files", BodyPublishers.ofByteArray(body), "Content-Type", contentType);

        // then
        assertError(reply, 400, null);
    }

    static Stream<Arguments> oversized() {
        return Stream.of(
                Arguments.of("one byte over, with a Content-Length", LIMIT + 1, false),
                Arguments.of("one byte over, chunked", LIMIT + 1, true),
                Arguments.of("far over (refused from the Content-Length)", 200 * 1024, false),
                Arguments.of("far over, chunked", 200 * 1024, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversized")
    void upload_over_the_limit_is_refused_with_413(String label, int size, boolean chunked) {
        // given
        MultipartForm form = new MultipartForm().field("purpose", "assistants").file("big.bin", new byte[size]);

        // when
        Reply reply;
        try {
            reply = client.send("POST", "/v1/files", body(form, chunked), "Content-Type", form.contentType());
        } catch (UncheckedIOException e) {
            // then (a chunked body has no length to refuse up front: the server refuses once the limit is passed and
            // closes the connection, which may reach the client while it is still sending, before the 413 is read)
            assertThat(chunked)
                    .as("a body with a Content-Length is refused before it is read")
                    .isTrue();
            stored.awaitNoSpooledParts();
            return;
        }

        // then
        JsonNode error = assertError(reply, 413, null);
        assertCode(error, "request_too_large");
        assertThat(error.get("message").asText()).contains(Integer.toString(LIMIT));
        stored.awaitNoSpooledParts();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"limit=0, limit", "limit=10001, limit", "limit=many, limit", "order=sideways, order"})
    void list_query_outside_the_rules_is_refused(String query, String param) {
        // when
        Reply reply = client.get("/v1/files?" + query);

        // then
        assertError(reply, 400, param);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"after", "before"})
    void list_from_an_unknown_cursor_is_refused_as_every_list_does(String cursor) {
        // when
        Reply files = client.get("/v1/files?" + cursor + "=bogus");
        Reply assistants = client.get("/v1/assistants?" + cursor + "=bogus");

        // then
        JsonNode error = assertError(files, 400, cursor);
        assertThat(error.get("message").asText())
                .isEqualTo(assistants.json().get("error").get("message").asText());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /v1/files/file-unknown",
        "DELETE, /v1/files/file-unknown",
        "GET, /v1/files/file-unknown/content",
        "GET, /openai/files/file-unknown",
        "GET, /v1/files/..%2F..%2Fetc%2Fpasswd/content"
    })
    void unknown_file_id_is_404(String method, String path) {
        // when
        Reply reply = client.send(method, path, BodyPublishers.noBody());

        // then
        JsonNode error = assertError(reply, 404, "id");
        assertThat(error.get("message").asText()).startsWith("No such File object: ");
    }

    private static Reply upload(MultipartForm form) {
        return client.send("POST", "/v1/files", form.publisher(), "Content-Type", form.contentType());
    }

    private static BodyPublisher body(MultipartForm form, boolean chunked) {
        byte[] bytes = form.bytes();
        return chunked ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)) : form.publisher();
    }

    private static void assertCode(JsonNode error, String code) {
        assertThat(error.get("code").asText()).as("code of %s", error).isEqualTo(code);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
