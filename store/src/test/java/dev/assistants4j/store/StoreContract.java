package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assistants4j.core.Ids;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.Attachment;
import dev.assistants4j.core.domain.Attachment.AttachmentTool;
import dev.assistants4j.core.domain.CodeInterpreterResources;
import dev.assistants4j.core.domain.CodeInterpreterTool;
import dev.assistants4j.core.domain.FileCitationAnnotation;
import dev.assistants4j.core.domain.FileCitationAnnotation.FileCitation;
import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.domain.FilePathAnnotation;
import dev.assistants4j.core.domain.FilePathAnnotation.FilePath;
import dev.assistants4j.core.domain.FileSearchResources;
import dev.assistants4j.core.domain.FileSearchSettings;
import dev.assistants4j.core.domain.FileSearchTool;
import dev.assistants4j.core.domain.FunctionDefinition;
import dev.assistants4j.core.domain.FunctionTool;
import dev.assistants4j.core.domain.ImageFileContent;
import dev.assistants4j.core.domain.ImageFileContent.ImageFile;
import dev.assistants4j.core.domain.ImageUrlContent;
import dev.assistants4j.core.domain.ImageUrlContent.ImageUrl;
import dev.assistants4j.core.domain.IncompleteDetails;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.MessageContent;
import dev.assistants4j.core.domain.MessageRole;
import dev.assistants4j.core.domain.MessageStatus;
import dev.assistants4j.core.domain.RankingOptions;
import dev.assistants4j.core.domain.RefusalContent;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.domain.Text;
import dev.assistants4j.core.domain.TextContent;
import dev.assistants4j.core.domain.ToolResources;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.store.FileStore;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.MessageStore;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.RunStore;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.testkit.TestRuns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link Stores} implementation must do. A subclass supplies a fresh, open store per test; every test
 * works in its own random project, so the suite also runs against a shared database. The vector store part of the
 * contract is in {@link VectorStoreContract}.
 */
abstract class StoreContract extends RunLeaseContract {

    /** A fixed Unix-second timestamp, shared by many rows on purpose. */
    protected static final long CREATED_AT = 1_700_000_000L;

    private static final int ROWS = 25;

    /** The store under test: open, and the same instance for the whole test. */
    protected abstract Stores stores();

    // ---- round trips -------------------------------------------------------------------------------------

    @Test
    void assistant_round_trips_every_field() {
        // given
        String project = newProject();
        Assistant full = fullAssistant(Ids.next(Ids.ASSISTANT));
        Assistant minimal = minimalAssistant(Ids.next(Ids.ASSISTANT), CREATED_AT);

        // when
        stores().assistants().insert(project, full);
        stores().assistants().insert(project, minimal);

        // then
        Assistant found = stores().assistants().find(project, full.id()).orElseThrow();
        assertThat(found).isEqualTo(full);
        assertThat(found.metadata().keySet())
                .containsExactlyElementsOf(orderedMetadata().keySet());
        assertThat(stores().assistants().find(project, minimal.id())).contains(minimal);
    }

    @Test
    void assistant_update_replaces_it_and_delete_removes_it() {
        // given
        String project = newProject();
        Assistant original = fullAssistant(Ids.next(Ids.ASSISTANT));
        stores().assistants().insert(project, original);
        Assistant changed = new Assistant(
                original.id(),
                original.createdAt(),
                "Renamed",
                null,
                "gpt-4o-mini",
                null,
                List.of(new FileSearchTool(null)),
                ToolResources.EMPTY,
                Map.of("only", "one"),
                0.2,
                null,
                TextNode.valueOf("auto"),
                null);

        // when / then
        assertThat(stores().assistants().update(project, changed)).isTrue();
        assertThat(stores().assistants().find(project, original.id())).contains(changed);
        assertThat(stores().assistants().delete(project, original.id())).isTrue();
        assertThat(stores().assistants().find(project, original.id())).isEmpty();
        assertThat(stores().assistants().delete(project, original.id())).isFalse();
        assertThat(stores().assistants().update(project, changed)).isFalse();
    }

    @Test
    void thread_round_trips_with_its_initial_messages() {
        // given
        String project = newProject();
        AssistantThread thread = fullThread(Ids.next(Ids.THREAD));
        Message first = fullMessage(thread.id(), Ids.next(Ids.MESSAGE));
        Message second = userMessage(thread.id(), CREATED_AT, null);

        // when
        stores().threads().insert(project, thread, List.of(first, second));

        // then
        AssistantThread found = stores().threads().find(project, thread.id()).orElseThrow();
        assertThat(found).isEqualTo(thread);
        assertThat(found.metadata().keySet())
                .containsExactlyElementsOf(orderedMetadata().keySet());
        assertThat(stores().messages().find(project, thread.id(), first.id())).contains(first);
        assertThat(messageIds(project, thread.id(), Optional.empty())).containsExactly(first.id(), second.id());
    }

    @Test
    void thread_update_replaces_it_and_delete_removes_it() {
        // given
        String project = newProject();
        AssistantThread original = fullThread(Ids.next(Ids.THREAD));
        stores().threads().insert(project, original, List.of());
        AssistantThread changed = new AssistantThread(
                original.id(),
                original.createdAt(),
                Map.of("topic", "billing"),
                new ToolResources(null, new FileSearchResources(List.of("vs_other"))));

        // when / then
        assertThat(stores().threads().update(project, changed)).isTrue();
        assertThat(stores().threads().find(project, original.id())).contains(changed);
        assertThat(stores().threads().delete(project, original.id())).isTrue();
        assertThat(stores().threads().find(project, original.id())).isEmpty();
        assertThat(stores().threads().delete(project, original.id())).isFalse();
        assertThat(stores().threads().update(project, changed)).isFalse();
    }

    @Test
    void message_round_trips_every_content_part_and_attachment() {
        // given
        String project = newProject();
        AssistantThread thread = insertThread(project);
        Message message = fullMessage(thread.id(), Ids.next(Ids.MESSAGE));

        // when
        stores().messages().insert(project, message);

        // then
        Message found =
                stores().messages().find(project, thread.id(), message.id()).orElseThrow();
        assertThat(found).isEqualTo(message);
        assertThat(found.content()).hasSize(5);
        assertThat(found.metadata().keySet())
                .containsExactlyElementsOf(orderedMetadata().keySet());
    }

    @Test
    void message_update_replaces_it_and_delete_removes_it() {
        // given
        String project = newProject();
        AssistantThread thread = insertThread(project);
        Message original = fullMessage(thread.id(), Ids.next(Ids.MESSAGE));
        stores().messages().insert(project, original);
        Message changed = original.withMetadata(Map.of("reviewed", "yes"));

        // when / then
        assertThat(stores().messages().update(project, changed)).isTrue();
        assertThat(stores().messages().find(project, thread.id(), original.id()))
                .contains(changed);
        assertThat(stores().messages().delete(project, thread.id(), original.id()))
                .isTrue();
        assertThat(stores().messages().find(project, thread.id(), original.id()))
                .isEmpty();
        assertThat(stores().messages().delete(project, thread.id(), original.id()))
                .isFalse();
        assertThat(stores().messages().update(project, changed)).isFalse();
    }

    @Test
    void file_round_trips_and_delete_removes_it() {
        // given
        String project = newProject();
        FileObject expiring = new FileObject(
                Ids.next(Ids.FILE), 123_456, CREATED_AT, CREATED_AT + 3_600, "../naïve \"q\".pdf", "batch", null, null);
        FileObject plain = file(Ids.next(Ids.FILE), "assistants");

        // when
        stores().files().insert(project, expiring);
        stores().files().insert(project, plain);

        // then
        assertThat(stores().files().find(project, expiring.id())).contains(expiring);
        assertThat(stores().files().find(project, expiring.id()).orElseThrow().status())
                .isEqualTo(FileObject.PROCESSED);
        assertThat(stores().files().find(project, plain.id())).contains(plain);
        assertThat(stores().files().delete(project, expiring.id())).isTrue();
        assertThat(stores().files().find(project, expiring.id())).isEmpty();
        assertThat(stores().files().delete(project, expiring.id())).isFalse();
        assertThat(fileIds(project, Optional.empty())).containsExactly(plain.id());
    }

    // ---- project isolation -------------------------------------------------------------------------------

    @Test
    void assistants_of_another_project_are_invisible() {
        // given
        String owner = newProject();
        String stranger = newProject();
        Assistant assistant = fullAssistant(Ids.next(Ids.ASSISTANT));
        stores().assistants().insert(owner, assistant);

        // when / then
        assertThat(stores().assistants().find(stranger, assistant.id())).isEmpty();
        assertThat(stores().assistants().update(stranger, minimalAssistant(assistant.id(), CREATED_AT)))
                .isFalse();
        assertThat(stores().assistants().delete(stranger, assistant.id())).isFalse();
        assertThat(allIds(request -> IdPage.of(stores().assistants().list(stranger, request), Assistant::id)))
                .doesNotContain(assistant.id());
        assertThat(stores().assistants().find(owner, assistant.id())).contains(assistant);
    }

    @Test
    void threads_of_another_project_are_invisible() {
        // given
        String owner = newProject();
        String stranger = newProject();
        AssistantThread thread = fullThread(Ids.next(Ids.THREAD));
        Message message = userMessage(thread.id(), CREATED_AT, null);
        stores().threads().insert(owner, thread, List.of(message));

        // when / then
        assertThat(stores().threads().find(stranger, thread.id())).isEmpty();
        assertThat(stores().threads().update(stranger, new AssistantThread(thread.id(), CREATED_AT, null, null)))
                .isFalse();
        assertThat(stores().threads().delete(stranger, thread.id())).isFalse();
        assertThat(stores().threads().find(owner, thread.id())).contains(thread);
        assertThat(stores().messages().find(owner, thread.id(), message.id())).contains(message);
    }

    @Test
    void messages_of_another_project_or_thread_are_invisible() {
        // given
        String owner = newProject();
        String stranger = newProject();
        AssistantThread thread = insertThread(owner);
        AssistantThread sibling = insertThread(owner);
        Message message = fullMessage(thread.id(), Ids.next(Ids.MESSAGE));
        stores().messages().insert(owner, message);

        // when / then
        assertThat(stores().messages().find(stranger, thread.id(), message.id()))
                .isEmpty();
        assertThat(stores().messages().update(stranger, message.withMetadata(Map.of())))
                .isFalse();
        assertThat(stores().messages().delete(stranger, thread.id(), message.id()))
                .isFalse();
        assertThat(messageIds(stranger, thread.id(), Optional.empty())).doesNotContain(message.id());
        assertThat(stores().messages().find(owner, sibling.id(), message.id())).isEmpty();
        assertThat(stores().messages().delete(owner, sibling.id(), message.id()))
                .isFalse();
        assertThat(stores().messages().find(owner, thread.id(), message.id())).contains(message);
    }

    @Test
    void files_of_another_project_are_invisible() {
        // given
        String owner = newProject();
        String stranger = newProject();
        FileObject file = file(Ids.next(Ids.FILE), "assistants");
        stores().files().insert(owner, file);

        // when / then
        assertThat(stores().files().find(stranger, file.id())).isEmpty();
        assertThat(stores().files().delete(stranger, file.id())).isFalse();
        assertThat(fileIds(stranger, Optional.empty())).doesNotContain(file.id());
        assertThat(fileIds(stranger, Optional.of("assistants"))).doesNotContain(file.id());
        assertThat(stores().files().find(owner, file.id())).contains(file);
    }

    // ---- pagination --------------------------------------------------------------------------------------

    /** The lists the contract pages through. */
    enum ListKind {
        ASSISTANTS,
        MESSAGES,
        FILES
    }

    static Stream<Arguments> walks() {
        return Stream.of(ListKind.values()).flatMap(kind -> Stream.of(ListOrder.values())
                .flatMap(order -> Stream.of(1, 7, 100).map(limit -> Arguments.of(kind, order, limit))));
    }

    @ParameterizedTest(name = "{0} {1} limit {2}")
    @MethodSource("walks")
    void after_cursor_walks_rows_sharing_one_second_in_insertion_order(ListKind kind, ListOrder order, int limit) {
        // given
        Listing listing = listing(kind);
        List<String> expected = inOrder(insertRows(listing), order);

        // when
        List<IdPage> pages = walkPages(listing.page(), order, limit);

        // then
        assertThat(pages.stream().flatMap(page -> page.ids().stream()).toList()).containsExactlyElementsOf(expected);
        assertThat(pages).hasSize((ROWS + limit - 1) / limit);
        assertThat(pages.subList(0, pages.size() - 1))
                .allSatisfy(page -> assertThat(page.hasMore()).isTrue());
        assertThat(pages.getLast().hasMore()).isFalse();
    }

    static Stream<Arguments> kindsAndOrders() {
        return Stream.of(ListKind.values())
                .flatMap(kind -> Stream.of(ListOrder.values()).map(order -> Arguments.of(kind, order)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndOrders")
    void before_cursor_returns_the_nearest_preceding_rows(ListKind kind, ListOrder order) {
        // given
        Listing listing = listing(kind);
        List<String> ordered = inOrder(insertRows(listing), order);

        // when
        IdPage middle = listing.page().apply(before(ordered.get(10), 3, order));
        IdPage start = listing.page().apply(before(ordered.get(3), 3, order));
        IdPage partial = listing.page().apply(before(ordered.get(2), 5, order));

        // then
        assertThat(middle).isEqualTo(new IdPage(ordered.subList(7, 10), true));
        assertThat(start).isEqualTo(new IdPage(ordered.subList(0, 3), false));
        assertThat(partial).isEqualTo(new IdPage(ordered.subList(0, 2), false));
    }

    static Stream<Arguments> kindsAndCursors() {
        return Stream.of(ListKind.values())
                .flatMap(kind -> Stream.of("after", "before").map(cursor -> Arguments.of(kind, cursor)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndCursors")
    void cursor_that_is_not_in_the_list_is_refused(ListKind kind, String cursor) {
        // given
        Listing listing = listing(kind);
        insertRows(listing);

        for (String outsider : listing.idsOutside().get()) {
            Optional<String> id = Optional.of(outsider);
            PageRequest request = cursor.equals("after")
                    ? new PageRequest(10, ListOrder.DESC, id, Optional.empty())
                    : new PageRequest(10, ListOrder.DESC, Optional.empty(), id);

            // when / then
            assertThatThrownBy(() -> listing.page().apply(request))
                    .as("cursor %s=%s", cursor, outsider)
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.param())
                            .contains(cursor));
        }
    }

    @Test
    void messages_list_is_scoped_by_thread_and_filtered_by_run() {
        // given
        String project = newProject();
        AssistantThread thread = insertThread(project);
        AssistantThread other = insertThread(project);
        List<Message> messages = Stream.of(null, "run_a", "run_b", "run_a", null, "run_a")
                .map(runId -> userMessage(thread.id(), CREATED_AT, runId))
                .toList();
        messages.forEach(message -> stores().messages().insert(project, message));
        stores().messages().insert(project, userMessage(other.id(), CREATED_AT, "run_a"));

        // when
        List<String> all = messageIds(project, thread.id(), Optional.empty());
        List<String> runA = messageIds(project, thread.id(), Optional.of("run_a"));
        List<String> none = messageIds(project, thread.id(), Optional.of("run_missing"));

        // then
        assertThat(all)
                .containsExactlyElementsOf(messages.stream().map(Message::id).toList());
        assertThat(runA)
                .containsExactly(
                        messages.get(1).id(),
                        messages.get(3).id(),
                        messages.get(5).id());
        assertThat(none).isEmpty();
    }

    @Test
    void files_list_filters_by_purpose_and_pages_within_the_filter() {
        // given
        String project = newProject();
        List<FileObject> files = Stream.of("assistants", "vision", "assistants", "batch", "assistants", "vision")
                .map(purpose -> file(Ids.next(Ids.FILE), purpose))
                .toList();
        files.forEach(file -> stores().files().insert(project, file));
        Optional<String> assistants = Optional.of("assistants");

        // when
        Page<FileObject> firstTwo = stores().files()
                .list(project, assistants, new PageRequest(2, ListOrder.ASC, Optional.empty(), Optional.empty()));
        Page<FileObject> rest = stores().files()
                .list(
                        project,
                        assistants,
                        new PageRequest(2, ListOrder.ASC, firstTwo.lastId(FileObject::id), Optional.empty()));

        // then
        assertThat(firstTwo.data()).containsExactly(files.get(0), files.get(2));
        assertThat(firstTwo.hasMore()).isTrue();
        assertThat(rest.data()).containsExactly(files.get(4));
        assertThat(rest.hasMore()).isFalse();
        assertThat(fileIds(project, Optional.of("vision")))
                .containsExactly(files.get(1).id(), files.get(5).id());
        assertThat(fileIds(project, Optional.of("fine-tune"))).isEmpty();
        assertThat(fileIds(project, Optional.empty()))
                .containsExactlyElementsOf(files.stream().map(FileObject::id).toList());
        assertThatThrownBy(() -> stores().files()
                        .list(
                                project,
                                assistants,
                                new PageRequest(
                                        2,
                                        ListOrder.ASC,
                                        Optional.of(files.get(1).id()),
                                        Optional.empty())))
                .as("a cursor of another purpose is not in the filtered list")
                .isInstanceOf(InvalidRequestException.class);
    }

    // ---- threads and their messages ----------------------------------------------------------------------

    @Test
    void thread_delete_removes_its_messages_only() {
        // given
        String project = newProject();
        AssistantThread doomed = fullThread(Ids.next(Ids.THREAD));
        List<Message> doomedMessages =
                List.of(userMessage(doomed.id(), CREATED_AT, null), fullMessage(doomed.id(), Ids.next(Ids.MESSAGE)));
        stores().threads().insert(project, doomed, doomedMessages);
        AssistantThread kept = insertThread(project);
        Message keptMessage = userMessage(kept.id(), CREATED_AT, null);
        stores().messages().insert(project, keptMessage);

        // when
        boolean deleted = stores().threads().delete(project, doomed.id());
        stores().threads().insert(project, new AssistantThread(doomed.id(), CREATED_AT + 1, null, null), List.of());

        // then
        assertThat(deleted).isTrue();
        assertThat(doomedMessages)
                .allSatisfy(message -> assertThat(stores().messages().find(project, doomed.id(), message.id()))
                        .isEmpty());
        assertThat(messageIds(project, doomed.id(), Optional.empty())).isEmpty();
        assertThat(messageIds(project, kept.id(), Optional.empty())).containsExactly(keptMessage.id());
    }

    @Test
    void thread_insert_with_a_failing_message_stores_nothing() {
        // given
        String project = newProject();
        AssistantThread existing = insertThread(project);
        Message taken = userMessage(existing.id(), CREATED_AT, null);
        stores().messages().insert(project, taken);
        AssistantThread fresh = fullThread(Ids.next(Ids.THREAD));
        Message first = userMessage(fresh.id(), CREATED_AT, null);
        Message clash = fullMessage(fresh.id(), taken.id());

        // when
        assertThatThrownBy(() -> stores().threads().insert(project, fresh, List.of(first, clash)))
                .isInstanceOf(RuntimeException.class);

        // then
        assertThat(stores().threads().find(project, fresh.id())).isEmpty();
        assertThat(stores().messages().find(project, fresh.id(), first.id())).isEmpty();
        assertThat(messageIds(project, fresh.id(), Optional.empty())).isEmpty();
        assertThat(stores().messages().find(project, existing.id(), taken.id())).contains(taken);
    }

    @Test
    void expired_files_are_found_across_projects_by_their_expiry() {
        // given files of two projects, expiring at different times, and one that never expires
        String first = newProject();
        String second = newProject();
        FileObject soon = expiringFile(CREATED_AT + 3_600);
        FileObject later = expiringFile(CREATED_AT + 7_200);
        FileObject never = file(Ids.next(Ids.FILE), "assistants");
        stores().files().insert(first, soon);
        stores().files().insert(second, later);
        stores().files().insert(first, never);

        // when / then
        assertThat(stores().files().expired(CREATED_AT + 3_599, 1_000))
                .doesNotContain(new FileStore.ProjectFile(first, soon.id()));
        assertThat(stores().files().expired(CREATED_AT + 3_600, 1_000))
                .contains(new FileStore.ProjectFile(first, soon.id()))
                .doesNotContain(new FileStore.ProjectFile(second, later.id()));
        assertThat(stores().files().expired(CREATED_AT + 7_200, 1_000))
                .contains(new FileStore.ProjectFile(first, soon.id()), new FileStore.ProjectFile(second, later.id()))
                .noneMatch(found -> found.fileId().equals(never.id()));
        assertThat(stores().files().exists(later.id())).isTrue();
        assertThat(stores().files().exists("file-missing")).isFalse();
    }

    @Test
    void run_insert_stores_the_run_with_its_messages_and_answers_the_thread_messages() {
        // given a thread with one message
        String project = newProject();
        AssistantThread thread = insertThread(project);
        Message earlier = userMessage(thread.id(), CREATED_AT, null);
        stores().messages().insert(project, earlier);
        Run run = run(thread.id(), RunStatus.IN_PROGRESS);
        Message added = userMessage(thread.id(), CREATED_AT, null);

        // when
        RunStore.Insertion insertion = stores().runs().insertIfIdle(project, run, List.of(added));

        // then
        assertThat(insertion).isEqualTo(new RunStore.Insertion.Stored(List.of(earlier.id(), added.id())));
        assertThat(stores().runs().find(project, thread.id(), run.id())).contains(run);
        assertThat(stores().runs().findActive(project, thread.id())).contains(run);
        assertThat(messageIds(project, thread.id(), Optional.empty())).containsExactly(earlier.id(), added.id());
    }

    @Test
    void run_insert_on_a_thread_with_an_active_run_stores_nothing() {
        // given a thread whose run waits for tool outputs
        String project = newProject();
        AssistantThread thread = insertThread(project);
        Run active = run(thread.id(), RunStatus.REQUIRES_ACTION);
        stores().runs().insertIfIdle(project, active, List.of());
        Run second = run(thread.id(), RunStatus.IN_PROGRESS);
        Message added = userMessage(thread.id(), CREATED_AT, null);

        // when
        RunStore.Insertion insertion = stores().runs().insertIfIdle(project, second, List.of(added));

        // then
        assertThat(insertion).isEqualTo(new RunStore.Insertion.Refused(active));
        assertThat(stores().runs().find(project, thread.id(), second.id())).isEmpty();
        assertThat(messageIds(project, thread.id(), Optional.empty())).isEmpty();
    }

    @Test
    void run_insert_after_the_active_run_ended_is_stored() {
        // given a thread whose earlier run completed
        String project = newProject();
        AssistantThread thread = insertThread(project);
        Run earlier = run(thread.id(), RunStatus.IN_PROGRESS);
        stores().runs().insertIfIdle(project, earlier, List.of());
        stores().runs()
                .update(project, earlier.toBuilder().status(RunStatus.COMPLETED).build());
        Run next = run(thread.id(), RunStatus.IN_PROGRESS);

        // when
        RunStore.Insertion insertion = stores().runs().insertIfIdle(project, next, List.of());

        // then
        assertThat(insertion).isEqualTo(new RunStore.Insertion.Stored(List.of()));
        assertThat(stores().runs().findActive(project, thread.id())).contains(next);
    }

    @Test
    void run_update_with_steps_and_messages_changes_them_together_or_not_at_all() {
        // given a run with an open step and an in-progress message
        String project = newProject();
        AssistantThread thread = insertThread(project);
        Run run = run(thread.id(), RunStatus.IN_PROGRESS);
        stores().runs().insertIfIdle(project, run, List.of());
        Message message = userMessage(thread.id(), CREATED_AT, run.id());
        stores().messages().insert(project, message);
        RunStep step =
                RunStep.started(Ids.next(Ids.STEP), CREATED_AT, run, StepDetails.MessageCreation.of(message.id()));
        stores().runSteps().insert(project, step);
        Run cancelled = run.toBuilder().status(RunStatus.CANCELLED).build();
        RunStep endedStep = step.finish(RunStepStatus.CANCELLED, CREATED_AT + 1, null, null);
        Message endedMessage = message.incomplete("run_cancelled", CREATED_AT + 1);

        // when the run is not this project's, nothing changes
        assertThat(stores().runs().update(newProject(), cancelled, List.of(endedStep), List.of(endedMessage)))
                .isFalse();
        assertThat(stores().runSteps().find(project, thread.id(), run.id(), step.id()))
                .contains(step);
        assertThat(stores().messages().find(project, thread.id(), message.id())).contains(message);

        // when it is, all three change
        assertThat(stores().runs().update(project, cancelled, List.of(endedStep), List.of(endedMessage)))
                .isTrue();
        assertThat(stores().runs().find(project, thread.id(), run.id())).contains(cancelled);
        assertThat(stores().runSteps().find(project, thread.id(), run.id(), step.id()))
                .contains(endedStep);
        assertThat(stores().messages().find(project, thread.id(), message.id())).contains(endedMessage);
    }

    @Test
    void message_insert_if_idle_stores_nothing_for_a_thread_the_project_does_not_have() {
        // given a thread of another project
        String project = newProject();
        String other = newProject();
        AssistantThread elsewhere = insertThread(other);
        Message message = userMessage(elsewhere.id(), CREATED_AT, null);

        // when / then the message is refused as to no thread, and not stored anywhere
        assertThat(stores().messages().insertIfIdle(project, message)).isEqualTo(new MessageStore.Insertion.NoThread());
        assertThat(stores().messages().insertIfIdle(project, userMessage("thread_missing", CREATED_AT, null)))
                .isEqualTo(new MessageStore.Insertion.NoThread());
        assertThat(messageIds(other, elsewhere.id(), Optional.empty())).isEmpty();
        assertThat(messageIds(project, elsewhere.id(), Optional.empty())).isEmpty();
    }

    @Test
    void message_insert_unless_a_run_is_active_refuses_while_one_is_and_stores_after() {
        // given a thread whose run waits for tool outputs
        String project = newProject();
        AssistantThread thread = insertThread(project);
        Run active = run(thread.id(), RunStatus.REQUIRES_ACTION);
        stores().runs().insertIfIdle(project, active, List.of());
        Message refused = userMessage(thread.id(), CREATED_AT, null);

        // when / then a message is refused and not stored
        assertThat(stores().messages().insertIfIdle(project, refused))
                .isEqualTo(new MessageStore.Insertion.Refused(active));
        assertThat(messageIds(project, thread.id(), Optional.empty())).isEmpty();

        // and once the run ended, one is stored
        stores().runs()
                .update(project, active.toBuilder().status(RunStatus.EXPIRED).build());
        Message accepted = userMessage(thread.id(), CREATED_AT, null);
        assertThat(stores().messages().insertIfIdle(project, accepted)).isEqualTo(new MessageStore.Insertion.Stored());
        assertThat(messageIds(project, thread.id(), Optional.empty())).containsExactly(accepted.id());
    }

    @Test
    void run_insert_with_a_failing_message_stores_nothing() {
        // given a message id already taken in another thread
        String project = newProject();
        AssistantThread other = insertThread(project);
        Message taken = userMessage(other.id(), CREATED_AT, null);
        stores().messages().insert(project, taken);
        AssistantThread thread = insertThread(project);
        Run run = run(thread.id(), RunStatus.IN_PROGRESS);
        Message first = userMessage(thread.id(), CREATED_AT, null);
        Message clash = fullMessage(thread.id(), taken.id());

        // when
        assertThatThrownBy(() -> stores().runs().insertIfIdle(project, run, List.of(first, clash)))
                .isInstanceOf(RuntimeException.class);

        // then neither the run nor its first message was stored, and the thread is free for another run
        assertThat(stores().runs().find(project, thread.id(), run.id())).isEmpty();
        assertThat(stores().runs().findActive(project, thread.id())).isEmpty();
        assertThat(messageIds(project, thread.id(), Optional.empty())).isEmpty();
        assertThat(stores().messages().find(project, other.id(), taken.id())).contains(taken);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void concurrent_message_inserts_into_one_thread_all_succeed() throws Exception {
        // given
        String project = newProject();
        AssistantThread thread = insertThread(project);
        List<Future<List<String>>> writers = new ArrayList<>();

        // when
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int writer = 0; writer < 8; writer++) {
                writers.add(executor.submit(() -> insertAndReadBack(project, thread.id(), 50)));
            }
        }

        // then
        List<String> inserted = new ArrayList<>();
        for (Future<List<String>> writer : writers) {
            inserted.addAll(writer.get());
        }
        List<String> listed = messageIds(project, thread.id(), Optional.empty());
        assertThat(listed).hasSize(400).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inserted);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void failing_writes_among_concurrent_ones_fail_alone() throws Exception {
        // given an assistant whose id later writers reuse (a unique-key violation), and many writers at once
        String project = newProject();
        Assistant taken = minimalAssistant(Ids.next(Ids.ASSISTANT), 1);
        stores().assistants().insert(project, taken);
        List<Future<String>> valid = new ArrayList<>();
        List<Future<String>> clashing = new ArrayList<>();

        // when valid and clashing inserts run concurrently (a group-committing writer batches them together)
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                valid.add(executor.submit(() -> {
                    Assistant fresh = minimalAssistant(Ids.next(Ids.ASSISTANT), 1);
                    stores().assistants().insert(project, fresh);
                    return fresh.id();
                }));
                clashing.add(executor.submit(() -> {
                    stores().assistants().insert(project, minimalAssistant(taken.id(), 2));
                    return taken.id();
                }));
            }
        }

        // then every valid insert is stored and every clashing one failed on its own, leaving the original intact
        for (Future<String> insert : valid) {
            assertThat(stores().assistants().find(project, insert.get())).isPresent();
        }
        for (Future<String> insert : clashing) {
            assertThatThrownBy(insert::get)
                    .isInstanceOf(java.util.concurrent.ExecutionException.class)
                    .hasRootCauseMessage(rootMessageOfUniqueViolation(project, taken));
        }
        assertThat(stores().assistants().find(project, taken.id())).contains(taken);
    }

    /** The driver's own message for a repeated id (dialects word it differently). */
    private String rootMessageOfUniqueViolation(String project, Assistant taken) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> stores().assistants().insert(project, taken));
        Throwable root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Test
    void healthy_reports_true() {
        // when / then
        assertThat(stores().healthy()).isTrue();
    }

    // ---- fixtures ----------------------------------------------------------------------------------------

    protected static String newProject() {
        return Ids.next("proj_");
    }

    /** 16 pairs in an order that is neither sorted nor hash order, with an empty and a non-ASCII value. */
    protected static Map<String, String> orderedMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        List.of(
                        "zulu", "alpha", "mike", "bravo", "yankee", "charlie", "xray", "delta", "whiskey", "echo",
                        "victor", "foxtrot", "uniform", "golf", "tango", "hotel")
                .forEach(key -> metadata.put(key, key + "-value"));
        metadata.put("alpha", "");
        metadata.put("mike", "naïve ✓ \"quoted\"");
        return metadata;
    }

    /** An assistant with every field set and every kind of tool. */
    protected static Assistant fullAssistant(String id) {
        return new Assistant(
                id,
                CREATED_AT,
                "Math tutor",
                "Helps with maths",
                "gpt-4o",
                "Answer briefly.",
                List.of(
                        new CodeInterpreterTool(),
                        new FileSearchTool(new FileSearchSettings(7, new RankingOptions("default_2024_08_21", 0.25))),
                        new FunctionTool(new FunctionDefinition(
                                "get_weather",
                                "Weather for a city",
                                json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                                        + "\"required\":[\"city\"]}"),
                                true)),
                        new FunctionTool(new FunctionDefinition("ping", null, null, false))),
                new ToolResources(
                        new CodeInterpreterResources(List.of("file-a", "file-b")),
                        new FileSearchResources(List.of("vs_1"))),
                orderedMetadata(),
                0.7,
                0.9,
                json("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"answer\",\"strict\":true,"
                        + "\"schema\":{\"type\":\"object\"}}}"),
                "low");
    }

    /** An assistant with only the required fields and the API defaults. */
    protected static Assistant minimalAssistant(String id, long createdAt) {
        return new Assistant(
                id, createdAt, null, null, "gpt-4o", null, null, null, null, 1.0, 1.0, TextNode.valueOf("auto"), null);
    }

    /** A thread with both kinds of tool resources and ordered metadata. */
    protected static AssistantThread fullThread(String id) {
        return new AssistantThread(
                id,
                CREATED_AT,
                orderedMetadata(),
                new ToolResources(
                        new CodeInterpreterResources(List.of("file-c")), new FileSearchResources(List.of("vs_2"))));
    }

    /** An incomplete assistant message with every kind of content part, attachments and metadata. */
    protected static Message fullMessage(String threadId, String id) {
        return new Message(
                id,
                CREATED_AT,
                threadId,
                MessageStatus.INCOMPLETE,
                new IncompleteDetails("max_tokens"),
                null,
                CREATED_AT + 5,
                MessageRole.ASSISTANT,
                allContentKinds(),
                "asst_author",
                "run_author",
                List.of(
                        new Attachment(
                                "file-attached",
                                List.of(new AttachmentTool("file_search"), new AttachmentTool("code_interpreter"))),
                        new Attachment("file-plain", List.of())),
                orderedMetadata());
    }

    /** A batch file created at {@link #CREATED_AT} that expires at {@code expiresAt}. */
    private static FileObject expiringFile(long expiresAt) {
        return new FileObject(
                Ids.next(Ids.FILE), 42, CREATED_AT, expiresAt, "batch.jsonl", "batch", FileObject.PROCESSED, null);
    }

    /** A run of the thread in the given status, created at {@link #CREATED_AT}. */
    protected static Run run(String threadId, RunStatus status) {
        return TestRuns.of(threadId, Ids.next(Ids.ASSISTANT), status, CREATED_AT);
    }

    /** A completed user message with plain text, optionally created by a run. */
    protected static Message userMessage(String threadId, long createdAt, String runId) {
        return new Message(
                Ids.next(Ids.MESSAGE),
                createdAt,
                threadId,
                MessageStatus.COMPLETED,
                null,
                createdAt,
                null,
                MessageRole.USER,
                List.of(TextContent.of("Hello")),
                null,
                runId,
                null,
                null);
    }

    /** A processed file of the given purpose, created at {@link #CREATED_AT}. */
    protected static FileObject file(String id, String purpose) {
        return new FileObject(id, 42, CREATED_AT, null, "notes.txt", purpose, FileObject.PROCESSED, null);
    }

    private static List<MessageContent> allContentKinds() {
        return List.of(
                new TextContent(new Text(
                        "See [1] and [2].",
                        List.of(
                                new FileCitationAnnotation("[1]", new FileCitation("file-cited"), 4, 7),
                                new FilePathAnnotation("[2]", new FilePath("file-made"), 12, 15)))),
                new ImageFileContent(new ImageFile("file-image", "high")),
                new ImageFileContent(new ImageFile("file-image-2", null)),
                new ImageUrlContent(new ImageUrl("https://example.com/cat.png", "low")),
                new RefusalContent("I can't help with that."));
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private AssistantThread insertThread(String project) {
        AssistantThread thread = new AssistantThread(Ids.next(Ids.THREAD), CREATED_AT, null, null);
        stores().threads().insert(project, thread, List.of());
        return thread;
    }

    private List<String> insertAndReadBack(String project, String threadId, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = userMessage(threadId, CREATED_AT, null);
            stores().messages().insert(project, message);
            assertThat(stores().messages().find(project, threadId, message.id()))
                    .contains(message);
            ids.add(message.id());
        }
        return ids;
    }

    // ---- list helpers ------------------------------------------------------------------------------------

    /** The ids of one page. */
    record IdPage(List<String> ids, boolean hasMore) {
        static <T> IdPage of(Page<T> page, Function<T, String> id) {
            return new IdPage(page.data().stream().map(id).toList(), page.hasMore());
        }
    }

    /**
     * One list under test.
     *
     * @param add inserts one row created at the given second and returns its id
     * @param page reads one page of the list
     * @param idsOutside creates objects of the same kind outside the list and returns their ids with an unknown one
     */
    record Listing(LongFunction<String> add, Function<PageRequest, IdPage> page, Supplier<List<String>> idsOutside) {}

    private Listing listing(ListKind kind) {
        String project = newProject();
        return switch (kind) {
            case ASSISTANTS -> assistantListing(project);
            case MESSAGES -> messageListing(project, insertThread(project).id());
            case FILES -> fileListing(project);
        };
    }

    private Listing assistantListing(String project) {
        return new Listing(
                createdAt -> {
                    Assistant assistant = minimalAssistant(Ids.next(Ids.ASSISTANT), createdAt);
                    stores().assistants().insert(project, assistant);
                    return assistant.id();
                },
                request -> IdPage.of(stores().assistants().list(project, request), Assistant::id),
                () -> {
                    Assistant foreign = minimalAssistant(Ids.next(Ids.ASSISTANT), CREATED_AT);
                    stores().assistants().insert(newProject(), foreign);
                    return List.of(foreign.id(), Ids.next(Ids.ASSISTANT));
                });
    }

    private Listing messageListing(String project, String threadId) {
        return new Listing(
                createdAt -> {
                    Message message = userMessage(threadId, createdAt, null);
                    stores().messages().insert(project, message);
                    return message.id();
                },
                request ->
                        IdPage.of(stores().messages().list(project, threadId, Optional.empty(), request), Message::id),
                () -> {
                    String foreignProject = newProject();
                    Message foreign = userMessage(insertThread(foreignProject).id(), CREATED_AT, null);
                    stores().messages().insert(foreignProject, foreign);
                    Message sibling = userMessage(insertThread(project).id(), CREATED_AT, null);
                    stores().messages().insert(project, sibling);
                    return List.of(foreign.id(), sibling.id(), Ids.next(Ids.MESSAGE));
                });
    }

    private Listing fileListing(String project) {
        return new Listing(
                createdAt -> {
                    FileObject file =
                            new FileObject(Ids.next(Ids.FILE), 1, createdAt, null, "f.txt", "assistants", null, null);
                    stores().files().insert(project, file);
                    return file.id();
                },
                request -> IdPage.of(stores().files().list(project, Optional.empty(), request), FileObject::id),
                () -> {
                    FileObject foreign = file(Ids.next(Ids.FILE), "assistants");
                    stores().files().insert(newProject(), foreign);
                    return List.of(foreign.id(), Ids.next(Ids.FILE));
                });
    }

    /** Inserts {@link #ROWS} rows that all share one created_at second; returns their ids in insertion order. */
    private static List<String> insertRows(Listing listing) {
        return IntStream.range(0, ROWS)
                .mapToObj(i -> listing.add().apply(CREATED_AT))
                .toList();
    }

    private static List<String> inOrder(List<String> insertionOrder, ListOrder order) {
        return order == ListOrder.ASC ? insertionOrder : insertionOrder.reversed();
    }

    private static PageRequest before(String id, int limit, ListOrder order) {
        return new PageRequest(limit, order, Optional.empty(), Optional.of(id));
    }

    /** Follows {@code after = last id} while {@code has_more}, as the SDKs do; every page must be non-empty. */
    private static List<IdPage> walkPages(Function<PageRequest, IdPage> pages, ListOrder order, int limit) {
        List<IdPage> walked = new ArrayList<>();
        Optional<String> after = Optional.empty();
        for (int guard = 0; guard <= 1_000; guard++) {
            IdPage page = pages.apply(new PageRequest(limit, order, after, Optional.empty()));
            walked.add(page);
            if (!page.hasMore()) {
                return walked;
            }
            assertThat(page.ids()).as("a page with has_more").hasSize(limit);
            after = Optional.of(page.ids().getLast());
        }
        return fail("the list never ended: " + walked.size() + " pages");
    }

    private static List<String> allIds(Function<PageRequest, IdPage> pages) {
        return walkPages(pages, ListOrder.ASC, PageRequest.MAX_LIMIT).stream()
                .flatMap(page -> page.ids().stream())
                .toList();
    }

    private List<String> fileIds(String project, Optional<String> purpose) {
        return allIds(request -> IdPage.of(stores().files().list(project, purpose, request), FileObject::id));
    }

    private List<String> messageIds(String project, String threadId, Optional<String> runId) {
        return allIds(request -> IdPage.of(stores().messages().list(project, threadId, runId, request), Message::id));
    }
}
