package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileDeleted;
import com.openai.models.files.FileListPage;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Files API driven over HTTP by the official openai-java SDK: uploads from a path and from bytes, retrieve, list
 * with its purpose filter and cursor pages, content download and delete. Every object the SDK returns is validated.
 */
@SuppressWarnings(
        "deprecation") // the SDK marks FileObject.status and status_details deprecated; OpenAI still sends them
class OpenAiJavaFilesTest {

    @TempDir
    Path dir;

    private AssistantsServer server;
    private OpenAIClient client;
    private long startedAt;

    @BeforeEach
    void startServer() {
        startedAt = Instant.now().getEpochSecond();
        server = TestServer.start(dir.resolve("data"));
        client = OpenAiJavaSdkTest.clientFor(server, "sk-test");
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.close();
    }

    @Test
    void upload_from_a_path_reads_back_with_every_field() throws IOException {
        // given
        Path local = Files.writeString(dir.resolve("notes.md"), "# Notes\nfirst line\n", StandardCharsets.UTF_8);

        // when
        FileObject created = client.files()
                .create(FileCreateParams.builder()
                        .file(local)
                        .purpose(FilePurpose.ASSISTANTS)
                        .build())
                .validate();
        FileObject retrieved = client.files().retrieve(created.id()).validate();

        // then
        assertThat(retrieved).isEqualTo(created);
        assertThat(retrieved.id()).startsWith("file-");
        assertThat(retrieved._object_()).isEqualTo(JsonValue.from("file"));
        assertThat(retrieved.bytes()).isEqualTo(Files.size(local));
        assertThat(retrieved.createdAt()).isBetween(startedAt, Instant.now().getEpochSecond());
        assertThat(retrieved.filename()).isEqualTo("notes.md");
        assertThat(retrieved.purpose()).isEqualTo(FileObject.Purpose.ASSISTANTS);
        assertThat(retrieved.status()).isEqualTo(FileObject.Status.PROCESSED);
        assertThat(retrieved.expiresAt()).isEmpty();
        assertThat(retrieved._statusDetails()).isEqualTo(JsonValue.from(null));
    }

    @Test
    void content_of_a_binary_upload_from_bytes_equals_what_was_sent() {
        // given
        byte[] bytes = randomBytes(300_000); // larger than what the multipart parser keeps in memory

        // when
        FileObject created = upload(bytes, FilePurpose.USER_DATA);
        byte[] downloaded = download(created.id());

        // then
        assertThat(created.bytes()).isEqualTo(bytes.length);
        assertThat(created.purpose()).isEqualTo(FileObject.Purpose.USER_DATA);
        assertThat(created.filename())
                .as("the SDK sends bytes without a file name")
                .isEqualTo("upload");
        assertThat(downloaded).isEqualTo(bytes);
    }

    @Test
    void expires_after_is_reflected_in_expires_at() {
        // given
        FileCreateParams params = FileCreateParams.builder()
                .file("batch input".getBytes(StandardCharsets.UTF_8))
                .purpose(FilePurpose.BATCH)
                .expiresAfter(
                        FileCreateParams.ExpiresAfter.builder().seconds(3_600).build())
                .build();

        // when
        FileObject created = client.files().create(params).validate();

        // then
        assertThat(created.expiresAt()).contains(created.createdAt() + 3_600);
        assertThat(client.files().retrieve(created.id()).expiresAt()).contains(created.createdAt() + 3_600);
    }

    @Test
    void list_filters_by_purpose_newest_first() {
        // given
        FileObject first = upload(bytes("a"), FilePurpose.ASSISTANTS);
        FileObject vision = upload(bytes("b"), FilePurpose.VISION);
        FileObject second = upload(bytes("c"), FilePurpose.ASSISTANTS);

        // when
        List<String> assistants = ids(client.files()
                .list(FileListParams.builder().purpose("assistants").build()));
        List<String> visionOnly = ids(
                client.files().list(FileListParams.builder().purpose("vision").build()));
        List<String> all = ids(client.files().list());

        // then
        assertThat(assistants).containsExactly(second.id(), first.id());
        assertThat(visionOnly).containsExactly(vision.id());
        assertThat(all).containsExactly(second.id(), vision.id(), first.id());
    }

    @Test
    void auto_pager_walks_small_pages_in_both_orders() {
        // given
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            uploaded.add(upload(bytes("file " + i), FilePurpose.ASSISTANTS).id());
        }

        // when
        FileListPage firstPage =
                client.files().list(FileListParams.builder().limit(3).build());
        List<String> newestFirst = walk(firstPage);
        List<String> oldestFirst = walk(client.files()
                .list(FileListParams.builder()
                        .limit(2)
                        .order(FileListParams.Order.ASC)
                        .build()));

        // then
        assertThat(firstPage.data()).hasSize(3);
        assertThat(firstPage.hasMore()).contains(true);
        assertThat(newestFirst).containsExactlyElementsOf(uploaded.reversed());
        assertThat(oldestFirst).containsExactlyElementsOf(uploaded);
    }

    @Test
    void delete_removes_the_file_and_its_content() {
        // given
        FileObject created = upload(bytes("short-lived"), FilePurpose.ASSISTANTS);

        // when
        FileDeleted deleted = client.files().delete(created.id()).validate();

        // then
        assertThat(deleted.id()).isEqualTo(created.id());
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted._object_()).isEqualTo(JsonValue.from("file"));
        assertNotFound(() -> client.files().retrieve(created.id()), created.id());
        assertNotFound(() -> client.files().content(created.id()).close(), created.id());
        assertNotFound(() -> client.files().delete(created.id()), created.id());
        assertThat(ids(client.files().list())).doesNotContain(created.id());
    }

    private FileObject upload(byte[] content, FilePurpose purpose) {
        return client.files()
                .create(FileCreateParams.builder()
                        .file(content)
                        .purpose(purpose)
                        .build())
                .validate();
    }

    private byte[] download(String fileId) {
        try (HttpResponse response = client.files().content(fileId);
                InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(FileListPage page) {
        return page.data().stream().map(file -> file.validate().id()).toList();
    }

    private static List<String> walk(FileListPage firstPage) {
        List<String> ids = new ArrayList<>();
        firstPage.autoPager().stream().forEach(file -> ids.add(file.validate().id()));
        return ids;
    }

    private static void assertNotFound(ThrowingCallable call, String fileId) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(NotFoundException.class);
        NotFoundException notFound = (NotFoundException) thrown;
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.getMessage()).contains("No such File object: " + fileId);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
