package dev.assistants4j.core.service;

import static dev.assistants4j.testkit.store.BlobStoreContract.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.testkit.store.BrokenStream;
import dev.assistants4j.testkit.store.InMemoryBlobStore;
import dev.assistants4j.testkit.store.InMemoryStores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The file service over the in-memory stores (they pass the contracts the SQLite and local stores pass): the row and the bytes are written together or
 * not at all, names are cleaned, and lists longer than one store page are assembled from several.
 */
class FileServiceTest {

    private static final String PROJECT = "proj_files";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    private InMemoryStores stores;
    private InMemoryBlobStore blobs;
    private FileService files;

    @BeforeEach
    void open() {
        stores = new InMemoryStores();
        blobs = new InMemoryBlobStore();
        files = new FileService(stores.files(), blobs, CLOCK, FileService.DeletionHook.NONE);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void upload_stores_the_row_and_the_bytes_under_the_id() throws IOException {
        // given
        byte[] content = randomBytes(10_000);

        // when
        FileObject file = files.upload(PROJECT, request("../../etc/passwd", "assistants", content));

        // then
        assertThat(file.id()).startsWith("file-");
        assertThat(file.bytes()).isEqualTo(content.length);
        assertThat(file.createdAt()).isEqualTo(1_700_000_000L);
        assertThat(file.expiresAt()).isNull();
        assertThat(file.filename()).isEqualTo("../../etc/passwd");
        assertThat(stores.files().find(PROJECT, file.id())).contains(file);
        assertThat(blobs.keys()).containsExactly(file.id());
        try (InputStream in = files.content(PROJECT, file.id()).stream()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void failed_blob_write_stores_no_row() {
        // given
        InputStream breaksHalfway = new BrokenStream(randomBytes(50_000));

        // when
        assertThatThrownBy(() -> files.upload(PROJECT, request("a.txt", "assistants", breaksHalfway)))
                .isInstanceOf(UncheckedIOException.class);

        // then
        assertThat(allFiles().data()).isEmpty();
        assertThat(blobs.keys()).isEmpty();
    }

    @Test
    void failed_row_write_removes_the_stored_bytes() {
        // given the stores are gone, while the blob store still works (on SQLite: FileServiceSqliteTest)
        stores.close();

        // when
        assertThatThrownBy(() -> files.upload(PROJECT, request("a.txt", "assistants", randomBytes(100))))
                .isInstanceOf(RuntimeException.class);

        // then
        assertThat(blobs.keys()).isEmpty();
    }

    @Test
    void refused_upload_stores_nothing() {
        // when
        assertThatThrownBy(() -> files.upload(PROJECT, request("a.txt", "nope", randomBytes(10))))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> files.upload(
                        PROJECT,
                        new FileUploadRequest(
                                "a.txt", "assistants", OptionalLong.of(60), new ByteArrayInputStream(new byte[1]))))
                .isInstanceOf(InvalidRequestException.class);

        // then
        assertThat(allFiles().data()).isEmpty();
        assertThat(blobs.keys()).isEmpty();
    }

    @Test
    void expires_after_sets_expires_at() {
        // when
        FileObject file = files.upload(
                PROJECT,
                new FileUploadRequest(
                        "a.jsonl", "batch", OptionalLong.of(86_400), new ByteArrayInputStream(new byte[] {1})));

        // then
        assertThat(file.expiresAt()).isEqualTo(1_700_000_000L + 86_400);
    }

    @Test
    void names_are_cleaned_and_capped_keeping_the_extension() {
        // when
        String controls = upload("a\u0000b\u001bc\u007fd\u0085e\u2028f.txt").filename();
        String blank = upload(" \t\r\n ").filename();
        String missing = upload(null).filename();
        String capped = upload("€".repeat(600) + ".docx").filename();
        String noExtension = upload("y".repeat(700)).filename();

        // then
        assertThat(controls).isEqualTo("abcdef.txt");
        assertThat(blank).isEqualTo("upload");
        assertThat(missing).isEqualTo("upload");
        assertThat(capped.codePointCount(0, capped.length())).isEqualTo(512);
        assertThat(capped).endsWith("€.docx");
        assertThat(noExtension).isEqualTo("y".repeat(512));
    }

    @Test
    void list_longer_than_one_store_page_is_assembled_from_several() {
        // given
        List<String> ids = uploadMany(230);

        // when
        Page<FileObject> all =
                files.list(PROJECT, Optional.empty(), FileService.MAX_LIST_LIMIT, ListOrder.ASC, Optional.empty());
        Page<FileObject> first = files.list(PROJECT, Optional.empty(), 150, ListOrder.DESC, Optional.empty());
        Page<FileObject> rest =
                files.list(PROJECT, Optional.empty(), 150, ListOrder.DESC, first.lastId(FileObject::id));
        Page<FileObject> exact = files.list(PROJECT, Optional.empty(), 200, ListOrder.ASC, Optional.of(ids.get(29)));

        // then
        assertPage(all, ids, false);
        assertPage(first, ids.reversed().subList(0, 150), true);
        assertPage(rest, ids.reversed().subList(150, 230), false);
        assertPage(exact, ids.subList(30, 230), false);
    }

    @Test
    void list_before_a_cursor_reads_the_files_nearest_to_it_across_store_pages() {
        // given
        List<String> ids = uploadMany(230);

        // when
        Page<FileObject> nearest =
                files.list(PROJECT, Optional.empty(), 150, ListOrder.ASC, Optional.empty(), Optional.of(ids.get(200)));
        Page<FileObject> newer =
                files.list(PROJECT, Optional.empty(), 150, ListOrder.DESC, Optional.empty(), Optional.of(ids.get(20)));
        Page<FileObject> between = files.list(
                PROJECT, Optional.empty(), 150, ListOrder.ASC, Optional.of(ids.get(9)), Optional.of(ids.get(130)));

        // then
        assertPage(nearest, ids.subList(50, 200), true);
        assertPage(newer, ids.reversed().subList(59, 209), true);
        assertPage(between, ids.subList(10, 130), false);
    }

    @Test
    void list_before_an_unknown_file_is_refused() {
        assertThatThrownBy(() -> files.list(
                        PROJECT, Optional.empty(), 10, ListOrder.DESC, Optional.empty(), Optional.of("file-unknown")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Invalid 'before'");
    }

    @Test
    void delete_removes_row_and_bytes_and_then_reports_not_found() {
        // given
        FileObject file = upload("doomed.txt");

        // when
        files.delete(PROJECT, file.id());

        // then
        assertThat(blobs.keys()).isEmpty();
        assertThatThrownBy(() -> files.retrieve(PROJECT, file.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such File object: " + file.id());
        assertThatThrownBy(() -> files.delete(PROJECT, file.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> files.content(PROJECT, file.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> files.retrieve("proj_other", upload("kept.txt").id()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void files_are_deleted_once_their_expiry_passed_and_only_then() throws IOException {
        // given a file expiring after an hour, one without expiry, and a hook that sees deletions
        List<String> told = new ArrayList<>();
        FileObject expiring = files.upload(
                PROJECT,
                new FileUploadRequest(
                        "a.jsonl", "batch", OptionalLong.of(3_600), new ByteArrayInputStream(new byte[] {1})));
        FileObject kept = upload("kept.txt");

        // when the sweep runs one second before the expiry, then at it
        int early = serviceAt(1_700_003_599L, told).deleteExpired();
        int due = serviceAt(1_700_003_600L, told).deleteExpired();

        // then only the expiring file went, its row, its content and (through the hook) what refers to it
        assertThat(early).isZero();
        assertThat(due).isEqualTo(1);
        assertThat(told).containsExactly(expiring.id());
        assertThat(stores.files().find(PROJECT, expiring.id())).isEmpty();
        assertThat(stores.files().find(PROJECT, kept.id())).isPresent();
        assertThat(blobs.keys()).containsExactly(kept.id());
        assertThat(serviceAt(1_700_003_601L, told).deleteExpired()).isZero();
    }

    @Test
    void content_no_file_refers_to_is_removed_and_the_rest_kept() throws IOException {
        // given an uploaded file and content left without a row (a crash between the two writes)
        FileObject kept = upload("kept.txt");
        blobs.put("file-orphan", new ByteArrayInputStream(new byte[] {7}));

        // when
        int removed = files.deleteOrphanContent(Instant.now().plusSeconds(60));

        // then
        assertThat(removed).isEqualTo(1);
        assertThat(blobs.keys()).containsExactly(kept.id());
        assertThat(files.deleteOrphanContent(Instant.now().plusSeconds(60))).isZero();
    }

    /** The file service as the clock reads {@code epochSecond}, telling {@code told} about deletions. */
    private FileService serviceAt(long epochSecond, List<String> told) {
        Clock at = Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
        return new FileService(stores.files(), blobs, at, (projectId, fileId) -> told.add(fileId));
    }

    /** Uploads {@code count} files, {@code f0.txt} first, and returns their ids in upload order. */
    private List<String> uploadMany(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> upload("f" + i + ".txt").id())
                .toList();
    }

    private FileObject upload(String filename) {
        return files.upload(PROJECT, request(filename, "assistants", new byte[] {7}));
    }

    private Page<FileObject> allFiles() {
        return files.list(PROJECT, Optional.empty(), FileService.MAX_LIST_LIMIT, ListOrder.ASC, Optional.empty());
    }

    private static FileUploadRequest request(String filename, String purpose, byte[] content) {
        return request(filename, purpose, new ByteArrayInputStream(content));
    }

    private static FileUploadRequest request(String filename, String purpose, InputStream content) {
        return new FileUploadRequest(filename, purpose, OptionalLong.empty(), content);
    }

    /** Asserts that the page holds exactly the files {@code ids}, in order, and whether more follow it. */
    private static void assertPage(Page<FileObject> page, List<String> ids, boolean hasMore) {
        assertThat(page.data()).extracting(FileObject::id).containsExactlyElementsOf(ids);
        assertThat(page.hasMore()).isEqualTo(hasMore);
    }
}
