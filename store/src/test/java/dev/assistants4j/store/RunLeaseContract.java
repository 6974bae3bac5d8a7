package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.store.Fence;
import dev.assistants4j.core.store.FencedOffException;
import dev.assistants4j.core.store.RunLeaseStore;
import dev.assistants4j.core.store.RunStore.ProjectRun;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.core.store.VectorStoreFileStore.PendingFile;
import dev.assistants4j.testkit.TestRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What several nodes on one database rely on: run leases (one owner at a time, taken over only once expired), writes
 * through a lease's fence refused once the lease passed on, runs changed only by compare-and-set, the work in progress
 * of a taken-over run dropped in one commit, and the runs asked to cancel. Every store passes it (through {@link
 * StoreContract}).
 */
abstract class RunLeaseContract extends VectorStoreContract {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofSeconds(15));
    private static final long AT = 1_700_000_000L;

    private RunLeaseStore leases() {
        return stores().runLeases();
    }

    @Test
    void a_lease_has_one_owner_until_it_expires() {
        String run = Ids.next(Ids.RUN);

        assertThat(leases().acquire(run, "node-a", NOW, LATER)).isPresent();

        assertThat(leases().acquire(run, "node-b", NOW.plusSeconds(5), LATER.plusSeconds(5)))
                .isEmpty();
        assertThat(leases().heldByAnother(run, "node-b", NOW.plusSeconds(5))).isTrue();
        assertThat(leases().heldByAnother(run, "node-a", NOW.plusSeconds(5))).isFalse();
        assertThat(leases().acquire(run, "node-b", LATER, LATER.plusSeconds(15)))
                .isPresent();
        assertThat(leases().heldByAnother(run, "node-a", LATER.plusSeconds(1))).isTrue();
        assertThat(leases().renew("node-a", LATER.plusSeconds(30))).doesNotContain(run);
    }

    @Test
    void an_owner_renews_its_leases_and_release_frees_only_its_own() {
        String first = Ids.next(Ids.RUN);
        String second = Ids.next(Ids.RUN);
        leases().acquire(first, "node-a", NOW, LATER);
        leases().acquire(second, "node-a", NOW, LATER);
        leases().acquire(Ids.next(Ids.RUN), "node-b", NOW, LATER);

        assertThat(leases().renew("node-a", LATER.plusSeconds(15))).containsExactlyInAnyOrder(first, second);
        assertThat(leases().acquire(first, "node-b", LATER.plusSeconds(1), LATER.plusSeconds(16)))
                .isEmpty();

        leases().release(first, "node-b");
        assertThat(leases().heldByAnother(first, "node-b", LATER)).isTrue();
        leases().release(first, "node-a");
        assertThat(leases().heldByAnother(first, "node-b", LATER)).isFalse();
        assertThat(leases().acquire(first, "node-b", NOW, LATER)).isPresent();
    }

    @Test
    void orphaned_runs_are_the_executing_ones_without_a_live_lease() {
        String project = Ids.next("proj_");
        String thread = Ids.next(Ids.THREAD);
        Run queued = insert(project, TestRuns.of(thread, "asst_1", RunStatus.QUEUED, AT));
        Run leased = executing(project, Ids.next(Ids.THREAD));
        Run expired = insert(project, TestRuns.of(Ids.next(Ids.THREAD), "asst_1", RunStatus.CANCELLING, AT));
        insert(project, TestRuns.of(Ids.next(Ids.THREAD), "asst_1", RunStatus.REQUIRES_ACTION, AT));
        insert(project, TestRuns.of(Ids.next(Ids.THREAD), "asst_1", RunStatus.COMPLETED, AT));
        leases().acquire(leased.id(), "node-a", NOW, LATER);
        leases().acquire(expired.id(), "node-a", NOW.minusSeconds(30), NOW.minusSeconds(15));

        List<ProjectRun> orphaned = leases().orphaned(NOW, 100);

        assertThat(orphaned).extracting(r -> r.run().id()).containsExactly(queued.id(), expired.id());
        assertThat(orphaned).extracting(ProjectRun::projectId).containsOnly(project);
        assertThat(leases().orphaned(NOW, 1)).hasSize(1);
    }

    @Test
    void orphaned_files_are_those_in_progress_without_a_live_lease_of_their_key() {
        String project = "proj_" + java.util.UUID.randomUUID();
        String store = insertStore(project).id();
        VectorStoreFile unleased = insertFile(project, store, Optional.empty());
        VectorStoreFile leased = insertFile(project, store, Optional.empty());
        VectorStoreFile expired = insertFile(project, store, Optional.empty());
        VectorStoreFile done = insertFile(project, store, Optional.empty());
        VectorStoreFile leasedAsRunOnly = insertFile(project, store, Optional.empty());
        stores().vectorStoreFiles().finish(project, done.completed(1));
        leases().acquire(RunLeaseStore.fileKey(store, leased.id()), "node-a", NOW, LATER);
        leases().acquire(RunLeaseStore.fileKey(store, expired.id()), "node-a", NOW.minusSeconds(30), NOW);
        leases().acquire(leasedAsRunOnly.id(), "node-a", NOW, LATER); // a lease not of the file's key

        List<PendingFile> orphaned = leases().orphanedFiles(NOW, 100).stream()
                .filter(p -> p.file().vectorStoreId().equals(store))
                .toList();

        assertThat(RunLeaseStore.fileKey(store, leased.id())).isEqualTo("vsf:" + store + "/" + leased.id());
        assertThat(orphaned)
                .extracting(p -> p.file().id())
                .containsExactly(unleased.id(), expired.id(), leasedAsRunOnly.id());
        assertThat(orphaned).extracting(PendingFile::projectId).containsOnly(project);
        assertThat(orphaned.get(0)).isEqualTo(new PendingFile(project, unleased));
        assertThat(leases().orphanedFiles(NOW, 1)).hasSize(1);
        assertThat(leases().renew("node-a", LATER))
                .contains(RunLeaseStore.fileKey(store, leased.id()), RunLeaseStore.fileKey(store, expired.id()));
    }

    @Test
    void replace_changes_a_run_only_while_it_is_as_expected() {
        String project = Ids.next("proj_");
        Run stored = executing(project, Ids.next(Ids.THREAD));
        Run cancelling = stored.toBuilder().status(RunStatus.CANCELLING).build();
        Run completed = stored.toBuilder().status(RunStatus.COMPLETED).build();

        assertThat(stores().runs().replace(project, stored, cancelling, List.of(), List.of()))
                .isTrue();
        assertThat(stores().runs().replace(project, stored, completed, List.of(), List.of()))
                .isFalse();

        assertThat(stores().runs().find(project, stored.threadId(), stored.id()))
                .contains(cancelling);
        assertThat(stores().runs().cancelling(List.of(stored.id(), "run_other")))
                .containsExactly(stored.id());
        assertThat(stores().runs().cancelling(List.of())).isEmpty();
    }

    @Test
    void reopen_drops_the_work_in_progress_of_a_taken_over_run_with_the_change() {
        String project = Ids.next("proj_");
        String thread = Ids.next(Ids.THREAD);
        stores().threads()
                .insert(
                        project,
                        new dev.assistants4j.core.domain.AssistantThread(thread, AT, Map.of(), null),
                        List.of());
        Run stored = executing(project, thread);
        Message partial = Message.inProgress(Ids.next(Ids.MESSAGE), AT, stored);
        stores().messages().insert(project, partial);
        RunStep open = RunStep.started(Ids.next(Ids.STEP), AT, stored, StepDetails.MessageCreation.of(partial.id()));
        stores().runSteps().insert(project, open);
        Run restarted = stored.toBuilder().startedAt(AT + 60).build();

        assertThat(stores().runs()
                        .reopen(
                                project,
                                stored.toBuilder().status(RunStatus.QUEUED).build(),
                                restarted,
                                List.of(open.id()),
                                List.of(partial.id())))
                .isFalse();
        assertThat(stores().messages().find(project, thread, partial.id())).isPresent();

        assertThat(stores().runs().reopen(project, stored, restarted, List.of(open.id()), List.of(partial.id())))
                .isTrue();
        assertThat(stores().messages().find(project, thread, partial.id())).isEmpty();
        assertThat(stores().runSteps().find(project, thread, stored.id(), open.id()))
                .isEmpty();
        assertThat(stores().runs().find(project, thread, stored.id())).contains(restarted);
    }

    @Test
    void a_lease_keeps_its_token_while_its_owner_holds_it_and_gets_a_new_one_when_it_passes() {
        String run = Ids.next(Ids.RUN);

        Fence first = leases().acquire(run, "node-a", NOW, LATER).orElseThrow();
        Fence again = leases().acquire(run, "node-a", NOW.plusSeconds(1), LATER).orElseThrow();
        leases().renew("node-a", LATER.plusSeconds(15));
        Fence renewedThenTaken =
                leases().acquire(run, "node-a", LATER, LATER.plusSeconds(20)).orElseThrow();
        Fence takenOver = leases().acquire(run, "node-b", LATER.plusSeconds(20), LATER.plusSeconds(35))
                .orElseThrow();
        leases().release(run, "node-b");
        Fence afterRelease = leases().acquire(run, "node-a", LATER.plusSeconds(21), LATER.plusSeconds(36))
                .orElseThrow();

        assertThat(first.key()).isEqualTo(run);
        assertThat(first.token()).isNotBlank();
        assertThat(again).isEqualTo(first);
        assertThat(renewedThenTaken).isEqualTo(first);
        assertThat(takenOver.token()).isNotEqualTo(first.token());
        assertThat(afterRelease.token()).isNotIn(first.token(), takenOver.token());
    }

    @Test
    void writes_through_a_fence_are_refused_once_another_node_took_the_lease() {
        // given: node a executes the run and has written a message and its step through its lease's fence
        String project = Ids.next("proj_");
        String thread = thread(project);
        Run run = executing(project, thread);
        Stores onA = fencedOnA(run);
        Message partial = Message.inProgress(Ids.next(Ids.MESSAGE), AT, run);
        onA.messages().insert(project, partial);
        RunStep open = RunStep.started(Ids.next(Ids.STEP), AT, run, StepDetails.MessageCreation.of(partial.id()));
        onA.runSteps().insert(project, open);
        leases().renew("node-a", LATER.plusSeconds(15)); // a renewal keeps a's writes valid
        assertThat(onA.runSteps().update(project, open)).isTrue();

        // when: a's lease expires, node b takes the run over and drops a's turn
        Stores onB = stores().fenced(leases().acquire(run.id(), "node-b", LATER.plusSeconds(15), LATER.plusSeconds(30))
                .orElseThrow());
        assertThat(onB.runs().reopen(project, run, run, List.of(open.id()), List.of(partial.id())))
                .isTrue();

        // then: whatever a still tries to write is refused, nothing of it stored
        Message late = Message.inProgress(Ids.next(Ids.MESSAGE), AT + 2, run);
        Run completed =
                run.toBuilder().status(RunStatus.COMPLETED).completedAt(AT + 3).build();
        assertThatThrownBy(() -> onA.messages().insert(project, late)).isInstanceOf(FencedOffException.class);
        assertThatThrownBy(() -> onA.messages().update(project, partial)).isInstanceOf(FencedOffException.class);
        assertThatThrownBy(() -> onA.runSteps().insert(project, open)).isInstanceOf(FencedOffException.class);
        assertThatThrownBy(() -> onA.runSteps().update(project, open)).isInstanceOf(FencedOffException.class);
        assertThatThrownBy(() -> onA.runs().replace(project, run, completed, List.of(), List.of()))
                .isInstanceOf(FencedOffException.class)
                .hasMessageContaining(run.id());
        assertThat(stores().messages().find(project, thread, late.id())).isEmpty();
        assertThat(stores().messages().find(project, thread, partial.id())).isEmpty();
        assertThat(stores().runSteps().find(project, thread, run.id(), open.id()))
                .isEmpty();
        assertThat(stores().runs().find(project, thread, run.id())).contains(run);

        // and b's own writes, and unfenced ones (a cancel from any node), go on
        Message answer = Message.inProgress(Ids.next(Ids.MESSAGE), AT + 4, run);
        onB.messages().insert(project, answer);
        assertThat(onB.runs().replace(project, run, completed, List.of(), List.of()))
                .isTrue();
        assertThat(stores().messages().find(project, thread, answer.id())).isPresent();
        assertThat(stores().runs().find(project, thread, run.id())).contains(completed);
    }

    @Test
    void writes_through_a_fence_are_refused_once_its_lease_is_released() {
        String project = Ids.next("proj_");
        String thread = thread(project);
        Run run = executing(project, thread);
        Stores fenced = fencedOnA(run);

        leases().release(run.id(), "node-a");

        Message late = Message.inProgress(Ids.next(Ids.MESSAGE), AT, run);
        assertThatThrownBy(() -> fenced.messages().insert(project, late)).isInstanceOf(FencedOffException.class);
        assertThat(stores().messages().find(project, thread, late.id())).isEmpty();
        assertThat(fenced.runs().find(project, thread, run.id())).contains(run); // reads go on
    }

    private String thread(String project) {
        String thread = Ids.next(Ids.THREAD);
        stores().threads()
                .insert(
                        project,
                        new dev.assistants4j.core.domain.AssistantThread(thread, AT, Map.of(), null),
                        List.of());
        return thread;
    }

    /** A stored in-progress run on {@code thread}. */
    private Run executing(String project, String thread) {
        return insert(project, TestRuns.of(thread, "asst_1", RunStatus.IN_PROGRESS, AT));
    }

    /** The stores as written by node a, holding {@code run}'s lease from {@link #NOW} to {@link #LATER}. */
    private Stores fencedOnA(Run run) {
        return stores().fenced(leases().acquire(run.id(), "node-a", NOW, LATER).orElseThrow());
    }

    private Run insert(String project, Run run) {
        stores().runs().insertIfIdle(project, run, List.of());
        return run;
    }
}
