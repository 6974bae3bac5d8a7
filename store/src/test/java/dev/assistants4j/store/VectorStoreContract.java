package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.ChunkingStrategy;
import dev.assistants4j.core.domain.ExpiresAfter;
import dev.assistants4j.core.domain.FileCounts;
import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.domain.VectorStore;
import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.domain.VectorStoreFileBatch;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import dev.assistants4j.core.domain.VectorStoreStatus;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.core.store.VectorStoreFileStore.PendingFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Stores} implementation must do for vector stores, their files and file batches: round trips,
 * counts and usage computed from the files, state changes only from {@code in_progress}, cascades and project
 * isolation. Part of {@link StoreContract}; each test works in its own random project.
 */
abstract class VectorStoreContract extends AccessContract {

    private static final long AT = 1_700_000_000L;
    private static final PageRequest ALL_ASC =
            new PageRequest(PageRequest.MAX_LIMIT, ListOrder.ASC, Optional.empty(), Optional.empty());

    protected abstract Stores stores();

    @Test
    void vector_store_round_trips_and_update_replaces_it() {
        // given
        String project = project();
        VectorStore store = store("docs", ExpiresAfter.days(7));

        // when
        stores().vectorStores().insert(project, store);
        VectorStore renamed =
                new VectorStore(store.id(), AT, "renamed", null, 0, null, null, null, null, AT + 5, Map.of("k", "v"));
        boolean updated = stores().vectorStores().update(project, renamed);

        // then
        assertThat(updated).isTrue();
        VectorStore found = stores().vectorStores().find(project, store.id()).orElseThrow();
        assertThat(found).isEqualTo(renamed);
        assertThat(found.fileCounts()).isEqualTo(FileCounts.NONE);
        assertThat(found.status()).isEqualTo(VectorStoreStatus.COMPLETED);
    }

    @Test
    void touch_sets_last_active_at_only() {
        // given
        String project = project();
        VectorStore store = store("docs", ExpiresAfter.days(2));
        stores().vectorStores().insert(project, store);

        // when
        boolean touched = stores().vectorStores().touch(project, store.id(), AT + 100);

        // then
        assertThat(touched).isTrue();
        VectorStore found = stores().vectorStores().find(project, store.id()).orElseThrow();
        assertThat(found.lastActiveAt()).isEqualTo(AT + 100);
        assertThat(found.name()).isEqualTo("docs");
        assertThat(found.expiresAfter()).isEqualTo(ExpiresAfter.days(2));
        assertThat(stores().vectorStores().touch(project, "vs_missing", AT)).isFalse();
    }

    @Test
    void counts_and_usage_follow_the_files() {
        // given
        String project = project();
        VectorStore store = insertStore(project);
        VectorStoreFile done = insertFile(project, store.id(), Optional.empty());
        VectorStoreFile broken = insertFile(project, store.id(), Optional.empty());
        insertFile(project, store.id(), Optional.empty());

        // when
        boolean completed = stores().vectorStoreFiles().finish(project, done.completed(1_000));
        stores().vectorStoreFiles().finish(project, broken.failed(new LastError("invalid_file", "bad")));

        // then
        assertThat(completed).isTrue();
        VectorStore found = stores().vectorStores().find(project, store.id()).orElseThrow();
        assertThat(found.fileCounts()).isEqualTo(new FileCounts(1, 1, 1, 0, 3));
        assertThat(found.usageBytes()).isEqualTo(1_000);
        assertThat(found.status()).isEqualTo(VectorStoreStatus.IN_PROGRESS);
        assertThat(stores().vectorStoreFiles()
                        .find(project, store.id(), broken.id())
                        .orElseThrow()
                        .lastError())
                .isEqualTo(new LastError("invalid_file", "bad"));
    }

    @Test
    void only_an_in_progress_file_can_finish() {
        // given
        String project = project();
        VectorStore store = insertStore(project);
        VectorStoreFile file = insertFile(project, store.id(), Optional.empty());
        stores().vectorStoreFiles().finish(project, file.completed(10));

        // when
        boolean again = stores().vectorStoreFiles().finish(project, file.failed(new LastError("server_error", "x")));
        stores().vectorStoreFiles().delete(project, store.id(), file.id());
        boolean gone = stores().vectorStoreFiles().finish(project, file.completed(10));

        // then
        assertThat(again).isFalse();
        assertThat(gone).isFalse();
        assertThat(stores().vectorStoreFiles().find(project, store.id(), file.id()))
                .isEmpty();
    }

    @Test
    void adding_a_file_twice_or_to_a_missing_store_changes_nothing() {
        // given
        String project = project();
        VectorStore store = insertStore(project);
        VectorStoreFile file = insertFile(project, store.id(), Optional.empty());

        // when
        boolean twice = stores().vectorStoreFiles().insert(project, file.completed(5), Optional.empty());
        boolean missing = stores().vectorStoreFiles()
                .insert(project, VectorStoreFile.added(file.id(), "vs_missing", AT, null, null), Optional.empty());

        // then
        assertThat(twice).isFalse();
        assertThat(missing).isFalse();
        assertThat(stores().vectorStoreFiles()
                        .find(project, store.id(), file.id())
                        .orElseThrow()
                        .status())
                .isEqualTo(VectorStoreFileStatus.IN_PROGRESS);
    }

    @Test
    void attributes_update_keeps_the_status() {
        // given
        String project = project();
        VectorStore store = insertStore(project);
        VectorStoreFile file = insertFile(project, store.id(), Optional.empty());
        stores().vectorStoreFiles().finish(project, file.completed(7));
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("author", "ann");
        attributes.put("year", 2024L);
        attributes.put("draft", false);

        // when
        boolean updated = stores().vectorStoreFiles().updateAttributes(project, store.id(), file.id(), attributes);

        // then
        assertThat(updated).isTrue();
        VectorStoreFile found =
                stores().vectorStoreFiles().find(project, store.id(), file.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(VectorStoreFileStatus.COMPLETED);
        assertThat(found.usageBytes()).isEqualTo(7);
        assertThat(found.attributes())
                .containsExactly(Map.entry("author", "ann"), Map.entry("year", 2024), Map.entry("draft", false));
    }

    @Test
    void finishing_keeps_attributes_changed_while_in_progress() {
        // given
        String project = project();
        VectorStore store = insertStore(project);
        VectorStoreFile file = insertFile(project, store.id(), Optional.empty());
        stores().vectorStoreFiles().updateAttributes(project, store.id(), file.id(), Map.of("late", true));

        // when
        boolean failed = stores().vectorStoreFiles().finish(project, file.failed(new LastError("invalid_file", "x")));

        // then
        assertThat(failed).isTrue();
        VectorStoreFile found =
                stores().vectorStoreFiles().find(project, store.id(), file.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(VectorStoreFileStatus.FAILED);
        assertThat(found.lastError()).isEqualTo(new LastError("invalid_file", "x"));
        assertThat(found.attributes()).containsExactly(Map.entry("late", true));
        assertThat(found.chunkingStrategy()).isEqualTo(file.chunkingStrategy());
    }

    @Test
    void files_list_pages_in_order_and_filters_by_status_and_batch() {
        // given
        String project = project();
        VectorStore store = insertStore(project);
        List<VectorStoreFile> loose = List.of(
                insertFile(project, store.id(), Optional.empty()), insertFile(project, store.id(), Optional.empty()));
        VectorStoreFileBatch batch = new VectorStoreFileBatch(Ids.next(Ids.FILE_BATCH), AT, store.id(), null, null);
        List<VectorStoreFile> batched = List.of(file(store.id()), file(store.id()), file(store.id()));
        stores().vectorStoreFileBatches().insert(project, batch, batched);
        stores().vectorStoreFiles().finish(project, loose.get(0).completed(1));
        stores().vectorStoreFiles().finish(project, batched.get(1).completed(1));

        // when
        var firstTwo = stores().vectorStoreFiles()
                .list(project, store.id(), Optional.empty(), Optional.empty(), page(2, Optional.empty()));
        var rest = stores().vectorStoreFiles()
                .list(
                        project,
                        store.id(),
                        Optional.empty(),
                        Optional.empty(),
                        page(2, Optional.of(loose.get(1).id())));
        var completed = stores().vectorStoreFiles()
                .list(project, store.id(), Optional.empty(), Optional.of(VectorStoreFileStatus.COMPLETED), ALL_ASC);
        var ofBatchInProgress = stores().vectorStoreFiles()
                .list(
                        project,
                        store.id(),
                        Optional.of(batch.id()),
                        Optional.of(VectorStoreFileStatus.IN_PROGRESS),
                        ALL_ASC);

        // then
        assertThat(firstTwo.data())
                .extracting(VectorStoreFile::id)
                .containsExactly(ids(loose).toArray(String[]::new));
        assertThat(firstTwo.hasMore()).isTrue();
        assertThat(rest.data())
                .extracting(VectorStoreFile::id)
                .containsExactly(batched.get(0).id(), batched.get(1).id());
        assertThat(completed.data())
                .extracting(VectorStoreFile::id)
                .containsExactly(loose.get(0).id(), batched.get(1).id());
        assertThat(ofBatchInProgress.data())
                .extracting(VectorStoreFile::id)
                .containsExactly(batched.get(0).id(), batched.get(2).id());
        assertThatThrownBy(() -> stores().vectorStoreFiles()
                        .list(
                                project,
                                store.id(),
                                Optional.of(batch.id()),
                                Optional.empty(),
                                page(2, Optional.of(loose.get(0).id()))))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void batch_counts_follow_its_files_and_cancel_stops_the_in_progress_ones() {
        // given
        String project = project();
        VectorStore store = insertStore(project);
        VectorStoreFile already = insertFile(project, store.id(), Optional.empty());
        VectorStoreFileBatch batch = new VectorStoreFileBatch(Ids.next(Ids.FILE_BATCH), AT, store.id(), null, null);
        List<VectorStoreFile> files = List.of(file(store.id()), file(store.id()), already);
        List<VectorStoreFile> added = stores().vectorStoreFileBatches().insert(project, batch, files);
        stores().vectorStoreFiles().finish(project, files.get(0).completed(3));

        // when
        VectorStoreFileBatch before = stores().vectorStoreFileBatches()
                .find(project, store.id(), batch.id())
                .orElseThrow();
        boolean cancelled = stores().vectorStoreFileBatches().cancel(project, store.id(), batch.id());
        VectorStoreFileBatch after = stores().vectorStoreFileBatches()
                .find(project, store.id(), batch.id())
                .orElseThrow();

        // then
        assertThat(added)
                .extracting(VectorStoreFile::id)
                .containsExactly(files.get(0).id(), files.get(1).id());
        assertThat(before.fileCounts()).isEqualTo(new FileCounts(2, 1, 0, 0, 3));
        assertThat(before.status()).isEqualTo(VectorStoreFileStatus.IN_PROGRESS);
        assertThat(cancelled).isTrue();
        assertThat(after.fileCounts()).isEqualTo(new FileCounts(0, 1, 0, 2, 3));
        assertThat(after.status()).isEqualTo(VectorStoreFileStatus.CANCELLED);
        assertThat(stores().vectorStoreFiles()
                        .find(project, store.id(), files.get(1).id())
                        .orElseThrow()
                        .status())
                .isEqualTo(VectorStoreFileStatus.CANCELLED);
        assertThat(stores().vectorStoreFiles().finish(project, files.get(1).completed(1)))
                .isFalse();
        assertThat(stores().vectorStoreFileBatches().cancel(project, store.id(), "vsfb_missing"))
                .isFalse();
    }

    @Test
    void deleting_a_store_removes_its_files_and_batches() {
        // given
        String project = project();
        VectorStore store = insertStore(project);
        VectorStore other = insertStore(project);
        VectorStoreFile file = insertFile(project, store.id(), Optional.empty());
        VectorStoreFile kept = insertFile(project, other.id(), Optional.empty());
        VectorStoreFileBatch batch = new VectorStoreFileBatch(Ids.next(Ids.FILE_BATCH), AT, store.id(), null, null);
        stores().vectorStoreFileBatches().insert(project, batch, List.of(file(store.id())));

        // when
        boolean deleted = stores().vectorStores().delete(project, store.id());

        // then
        assertThat(deleted).isTrue();
        assertThat(stores().vectorStores().find(project, store.id())).isEmpty();
        assertThat(stores().vectorStoreFiles().find(project, store.id(), file.id()))
                .isEmpty();
        assertThat(stores().vectorStoreFileBatches().find(project, store.id(), batch.id()))
                .isEmpty();
        assertThat(stores().vectorStoreFiles().find(project, other.id(), kept.id()))
                .isPresent();
        assertThat(stores().vectorStores().delete(project, store.id())).isFalse();
    }

    @Test
    void delete_everywhere_removes_a_file_from_every_store_of_the_project() {
        // given
        String project = project();
        String otherProject = project();
        VectorStore first = insertStore(project);
        VectorStore second = insertStore(project);
        VectorStoreFile file = insertFile(project, first.id(), Optional.empty());
        stores().vectorStoreFiles()
                .insert(project, VectorStoreFile.added(file.id(), second.id(), AT, null, null), Optional.empty());
        VectorStore foreign = insertStore(otherProject);
        stores().vectorStoreFiles()
                .insert(otherProject, VectorStoreFile.added(file.id(), foreign.id(), AT, null, null), Optional.empty());

        // when
        List<String> from = stores().vectorStoreFiles().deleteEverywhere(project, file.id());

        // then
        assertThat(from).containsExactly(first.id(), second.id());
        assertThat(stores().vectorStoreFiles().find(project, first.id(), file.id()))
                .isEmpty();
        assertThat(stores().vectorStoreFiles().find(project, second.id(), file.id()))
                .isEmpty();
        assertThat(stores().vectorStoreFiles().find(otherProject, foreign.id(), file.id()))
                .isPresent();
    }

    @Test
    void in_progress_lists_the_unfinished_files_of_every_project() {
        // given
        String project = project();
        String otherProject = project();
        VectorStoreFile pending = insertFile(project, insertStore(project).id(), Optional.empty());
        VectorStoreFile done = insertFile(project, insertStore(project).id(), Optional.empty());
        VectorStoreFile foreign =
                insertFile(otherProject, insertStore(otherProject).id(), Optional.empty());
        stores().vectorStoreFiles().finish(project, done.completed(1));

        // when
        List<PendingFile> inProgress = stores().vectorStoreFiles().inProgress();

        // then
        assertThat(inProgress).contains(new PendingFile(project, pending), new PendingFile(otherProject, foreign));
        assertThat(inProgress).extracting(p -> p.file().id()).doesNotContain(done.id());
    }

    @Test
    void vector_stores_of_another_project_are_invisible() {
        // given
        String owner = project();
        String stranger = project();
        VectorStore store = insertStore(owner);
        VectorStoreFile file = insertFile(owner, store.id(), Optional.empty());
        VectorStoreFileBatch batch = new VectorStoreFileBatch(Ids.next(Ids.FILE_BATCH), AT, store.id(), null, null);
        stores().vectorStoreFileBatches().insert(owner, batch, List.of(file(store.id())));

        // when / then
        assertThat(stores().vectorStores().find(stranger, store.id())).isEmpty();
        assertThat(stores().vectorStores().list(stranger, ALL_ASC).data()).isEmpty();
        assertThat(stores().vectorStores().update(stranger, store)).isFalse();
        assertThat(stores().vectorStores().touch(stranger, store.id(), AT)).isFalse();
        assertThat(stores().vectorStores().delete(stranger, store.id())).isFalse();
        assertThat(stores().vectorStoreFiles().find(stranger, store.id(), file.id()))
                .isEmpty();
        assertThat(stores().vectorStoreFiles().insert(stranger, file(store.id()), Optional.empty()))
                .isFalse();
        assertThat(stores().vectorStoreFiles().updateAttributes(stranger, store.id(), file.id(), Map.of("a", "b")))
                .isFalse();
        assertThat(stores().vectorStoreFiles().finish(stranger, file.completed(1)))
                .isFalse();
        assertThat(stores().vectorStoreFiles().delete(stranger, store.id(), file.id()))
                .isFalse();
        assertThat(stores().vectorStoreFiles().deleteEverywhere(stranger, file.id()))
                .isEmpty();
        assertThat(stores().vectorStoreFileBatches().find(stranger, store.id(), batch.id()))
                .isEmpty();
        assertThat(stores().vectorStoreFileBatches().cancel(stranger, store.id(), batch.id()))
                .isFalse();
        assertThat(stores().vectorStores()
                        .find(owner, store.id())
                        .orElseThrow()
                        .fileCounts()
                        .total())
                .isEqualTo(2);
        assertThat(stores().vectorStoreFiles()
                        .find(owner, store.id(), file.id())
                        .orElseThrow()
                        .status())
                .isEqualTo(VectorStoreFileStatus.IN_PROGRESS);
    }

    @Test
    void vector_store_list_pages_newest_first_with_counts() {
        // given
        String project = project();
        VectorStore first = insertStore(project);
        VectorStore second = insertStore(project);
        VectorStore third = insertStore(project);
        insertFile(project, second.id(), Optional.empty());

        // when
        var page = stores().vectorStores()
                .list(project, new PageRequest(2, ListOrder.DESC, Optional.empty(), Optional.empty()));
        var before = stores().vectorStores()
                .list(project, new PageRequest(2, ListOrder.DESC, Optional.empty(), Optional.of(first.id())));

        // then
        assertThat(page.data()).extracting(VectorStore::id).containsExactly(third.id(), second.id());
        assertThat(page.hasMore()).isTrue();
        assertThat(page.data().get(1).fileCounts().inProgress()).isEqualTo(1);
        assertThat(before.data()).extracting(VectorStore::id).containsExactly(third.id(), second.id());
    }

    VectorStore insertStore(String project) {
        VectorStore store = store(null, null);
        stores().vectorStores().insert(project, store);
        return store;
    }

    VectorStoreFile insertFile(String project, String vectorStoreId, Optional<String> batchId) {
        VectorStoreFile file = file(vectorStoreId);
        assertThat(stores().vectorStoreFiles().insert(project, file, batchId)).isTrue();
        return file;
    }

    private static VectorStore store(String name, ExpiresAfter expiresAfter) {
        return new VectorStore(
                Ids.next(Ids.VECTOR_STORE), AT, name, "about", 0, null, null, expiresAfter, null, AT, Map.of());
    }

    private static VectorStoreFile file(String vectorStoreId) {
        return VectorStoreFile.added(
                Ids.next(Ids.FILE), vectorStoreId, AT, ChunkingStrategy.of(200, 50), Map.of("kind", "doc"));
    }

    private static PageRequest page(int limit, Optional<String> after) {
        return new PageRequest(limit, ListOrder.ASC, after, Optional.empty());
    }

    private static List<String> ids(List<VectorStoreFile> files) {
        return files.stream().map(VectorStoreFile::id).toList();
    }

    private static String project() {
        return "proj_" + UUID.randomUUID();
    }
}
