package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.TextContent;
import dev.assistants4j.core.engine.ModelRouter;
import dev.assistants4j.core.engine.RunCreateRequest;
import dev.assistants4j.core.engine.RunService;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import dev.assistants4j.core.service.AssistantCreateRequest;
import dev.assistants4j.core.service.MessageCreateRequest;
import dev.assistants4j.core.service.MessageService;
import dev.assistants4j.core.service.ThreadCreateRequest;
import dev.assistants4j.core.store.AssistantStore;
import dev.assistants4j.core.store.FileStore;
import dev.assistants4j.core.store.MessageStore;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.RunStepStore;
import dev.assistants4j.core.store.RunStore;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.core.store.ThreadStore;
import dev.assistants4j.core.store.VectorStoreFileBatchStore;
import dev.assistants4j.core.store.VectorStoreFileStore;
import dev.assistants4j.core.store.VectorStoreStore;
import dev.assistants4j.providers.OpenAiCompatibleProvider;
import dev.assistants4j.store.JdbcStores;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.TestRuns;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first model call of a new run is sent before the run is stored (so the commit and the model's first token
 * overlap). These tests put something between the prompt's read and the run's commit, where no HTTP client can aim:
 * a store whose run insert first lets another writer in.
 */
class FirstCallTest {

    private static final String PROJECT = "proj_first_call";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final AtomicReference<Runnable> beforeRunInsert = new AtomicReference<>(() -> {});
    /** The provider runs use: the fake upstream's, unless a test puts another. */
    private final AtomicReference<LlmProvider> routed = new AtomicReference<>();

    private FakeUpstream upstream;
    private JdbcStores stored;
    private OpenAiCompatibleProvider provider;
    private RunService runs;
    private MessageService messages;
    private String assistantId;
    private String threadId;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
        stored = JdbcStores.openSqlite(dir);
        provider = OpenAiCompatibleProvider.openAi(URI.create(upstream.baseUrl()), Optional.of("sk-test"))
                .build();
        routed.set(provider);
        ModelRouter router = model -> Optional.of(new ModelRouter.RoutedModel(routed.get(), "gpt-upstream"));
        Stores stores = new RacingStores(stored, beforeRunInsert);
        runs = InProcessRuns.runs(stores, router, dir.resolve("files"));
        messages = InProcessRuns.messages(stores);
        assistantId = InProcessRuns.assistants(stores)
                .create(
                        PROJECT,
                        new AssistantCreateRequest(
                                "gpt-4o", null, null, "Be brief.", List.of(), null, null, null, null, null, null))
                .id();
        threadId = InProcessRuns.threads(stores)
                .create(PROJECT, new ThreadCreateRequest(List.of(user("First question")), null, null))
                .id();
    }

    @AfterEach
    void stop() {
        runs.close();
        provider.close();
        stored.close();
        upstream.close();
    }

    @Test
    void a_message_stored_while_the_run_is_stored_reaches_the_model() throws Exception {
        // given a message that commits after the first call's prompt was read, before the run's commit
        upstream.enqueue(Reply.text("answer without it"), Reply.text("answer with it"));
        beforeRunInsert.set(() -> {
            awaitRequests(1); // the first call is on its way from another thread: let it arrive first
            stored.messages().insert(PROJECT, message("Second question"));
        });

        // when
        RunService.StartedRun started = runs.create(PROJECT, threadId, request());

        // then the call sent first was dropped and the run's model call had both messages
        assertThat(finalEvent(started)).isEqualTo("thread.run.completed");
        List<RecordedRequest> sent = upstream.requests();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).body().toString()).contains("First question").doesNotContain("Second question");
        assertThat(sent.get(1).body().toString()).contains("First question", "Second question");
        Message answer = messages.list(PROJECT, threadId, Optional.empty(), PageRequest.firstPage())
                .data()
                .getFirst();
        assertThat(((TextContent) answer.content().getFirst()).text().value()).isEqualTo("answer with it");
    }

    @Test
    void a_run_refused_at_its_commit_drops_its_first_call() {
        // given a model call that would stream for a long time, and another run taking the thread before the commit
        upstream.enqueue(Reply.hangUntilClosed());
        Run other = otherRun();
        beforeRunInsert.set(() -> stored.runs().insertIfIdle(PROJECT, other, List.of()));

        // when / then the run is refused as OpenAI refused it
        assertThatThrownBy(() -> runs.create(PROJECT, threadId, request()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Thread " + threadId + " already has an active run " + other.id() + ".");
        // and the call already sent is closed, nothing of the refused run stored
        assertThat(upstream.awaitDisconnect(DEADLINE))
                .as("the dropped call's connection closed")
                .isTrue();
        assertThat(stored.runs()
                        .list(PROJECT, threadId, PageRequest.firstPage())
                        .data())
                .extracting(Run::id)
                .containsExactly(other.id());
        assertThat(messages.list(PROJECT, threadId, Optional.empty(), PageRequest.firstPage())
                        .data())
                .hasSize(1);
    }

    @Test
    void a_run_on_a_thread_already_running_is_refused_before_any_model_call() {
        // given a thread whose run waits for tool outputs
        stored.runs().insertIfIdle(PROJECT, otherRun(), List.of());

        // when / then
        assertThatThrownBy(() -> runs.create(PROJECT, threadId, request())).isInstanceOf(InvalidRequestException.class);
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void a_run_with_additional_messages_sends_them_in_its_first_call_and_stores_them_with_it() throws Exception {
        // given
        upstream.enqueue(Reply.text("Both answered."));
        RunCreateRequest request = request(List.of(user("Added question")));

        // when
        RunService.StartedRun started = runs.create(PROJECT, threadId, request);

        // then one model call had both messages, and the added one is stored as the run's
        assertThat(finalEvent(started)).isEqualTo("thread.run.completed");
        assertThat(upstream.requests()).hasSize(1);
        assertThat(upstream.requests().getFirst().body().toString()).contains("First question", "Added question");
        List<Message> thread = messages.list(PROJECT, threadId, Optional.empty(), PageRequest.firstPage())
                .data();
        assertThat(thread).hasSize(3);
    }

    @Test
    void a_cancel_while_the_model_has_answered_but_sent_no_event_yet_stops_the_run() throws Exception {
        // given a model whose response began but whose first event never comes
        SilentStream silent = new SilentStream();
        routed.set(request -> silent);
        RunService.StartedRun started = runs.create(PROJECT, threadId, request());
        assertThat(started.events().next(DEADLINE)).as("thread.run.created").isPresent();

        // when the run is cancelled
        runs.cancel(PROJECT, threadId, started.run().id());

        // then the model's stream is closed and the run ends cancelled
        assertThat(finalEvent(started)).isEqualTo("thread.run.cancelled");
        assertThat(silent.closed.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    /** A provider stream that sends nothing until it is closed, then fails as a closed connection does. */
    private static final class SilentStream implements ProviderStream {

        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public boolean hasNext() {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new ProviderException("the connection broke", 0, true, null);
        }

        @Override
        public ProviderEvent next() {
            throw new NoSuchElementException();
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    private RunCreateRequest request() {
        return request(List.of());
    }

    private RunCreateRequest request(List<MessageCreateRequest> additionalMessages) {
        return InProcessRuns.request(assistantId, additionalMessages);
    }

    /** A run of the thread in requires_action, as another request would have stored it. */
    private Run otherRun() {
        return TestRuns.of(threadId, assistantId, RunStatus.REQUIRES_ACTION, 1_700_000_000L);
    }

    private void awaitRequests(int count) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (upstream.requestCount() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the upstream did not get " + count + " request(s) within " + DEADLINE);
            }
            Thread.onSpinWait();
        }
    }

    private static String finalEvent(RunService.StartedRun started) throws InterruptedException {
        return InProcessRuns.finalEvent(started, DEADLINE);
    }

    private static MessageCreateRequest user(String text) {
        return InProcessRuns.user(text);
    }

    private Message message(String text) {
        return MessageService.newMessage(threadId, 1_700_000_001L, user(text));
    }

    /** The real stores, except that a run insert first runs {@code beforeRunInsert}. */
    private record RacingStores(Stores real, AtomicReference<Runnable> beforeRunInsert) implements Stores {

        @Override
        public RunStore runs() {
            RunStore runs = real.runs();
            return new RunStore() {
                @Override
                public Insertion insertIfIdle(String projectId, Run run, List<Message> added) {
                    beforeRunInsert.get().run();
                    return runs.insertIfIdle(projectId, run, added);
                }

                @Override
                public Optional<Run> find(String projectId, String threadId, String runId) {
                    return runs.find(projectId, threadId, runId);
                }

                @Override
                public boolean update(String projectId, Run run) {
                    return runs.update(projectId, run);
                }

                @Override
                public boolean update(String projectId, Run run, List<RunStep> steps, List<Message> messages) {
                    return runs.update(projectId, run, steps, messages);
                }

                @Override
                public boolean replace(
                        String projectId, Run expected, Run next, List<RunStep> steps, List<Message> messages) {
                    return runs.replace(projectId, expected, next, steps, messages);
                }

                @Override
                public boolean reopen(
                        String projectId, Run expected, Run next, List<String> stepIds, List<String> messageIds) {
                    return runs.reopen(projectId, expected, next, stepIds, messageIds);
                }

                @Override
                public List<String> cancelling(java.util.Collection<String> runIds) {
                    return runs.cancelling(runIds);
                }

                @Override
                public Optional<Run> findActive(String projectId, String threadId) {
                    return runs.findActive(projectId, threadId);
                }

                @Override
                public Page<Run> list(String projectId, String threadId, PageRequest page) {
                    return runs.list(projectId, threadId, page);
                }

                @Override
                public List<ProjectRun> listUnfinished() {
                    return runs.listUnfinished();
                }
            };
        }

        @Override
        public boolean writable() {
            return real.writable();
        }

        @Override
        public Stores fenced(dev.assistants4j.core.store.Fence fence) {
            return real.fenced(fence);
        }

        @Override
        public AssistantStore assistants() {
            return real.assistants();
        }

        @Override
        public ThreadStore threads() {
            return real.threads();
        }

        @Override
        public MessageStore messages() {
            return real.messages();
        }

        @Override
        public RunStepStore runSteps() {
            return real.runSteps();
        }

        @Override
        public dev.assistants4j.core.store.RunLeaseStore runLeases() {
            return real.runLeases();
        }

        @Override
        public FileStore files() {
            return real.files();
        }

        @Override
        public VectorStoreStore vectorStores() {
            return real.vectorStores();
        }

        @Override
        public VectorStoreFileStore vectorStoreFiles() {
            return real.vectorStoreFiles();
        }

        @Override
        public VectorStoreFileBatchStore vectorStoreFileBatches() {
            return real.vectorStoreFileBatches();
        }

        @Override
        public dev.assistants4j.core.store.KeyStore keys() {
            return real.keys();
        }

        @Override
        public dev.assistants4j.core.store.TeamStore teams() {
            return real.teams();
        }

        @Override
        public dev.assistants4j.core.store.ProjectStore projects() {
            return real.projects();
        }

        @Override
        public boolean healthy() {
            return real.healthy();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
