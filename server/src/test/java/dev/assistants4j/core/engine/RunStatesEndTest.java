package dev.assistants4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.error.ServiceUnavailableException;
import dev.assistants4j.core.store.RunStore;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.testkit.Poll;
import dev.assistants4j.testkit.TestRuns;
import dev.assistants4j.testkit.store.InMemoryStores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A run whose end the store cannot take (a full disk): a client streaming it is told at once with an {@code error}
 * event, and the run ends as decided once the store takes writes again. (In the server module, beside the in-memory
 * stores of the testkit, which core's tests do not see.)
 */
class RunStatesEndTest {

    private static final String PROJECT = "proj_run_end";

    @Test
    void a_streaming_client_is_told_when_a_run_cannot_end_and_the_run_ends_once_the_store_takes_it() throws Exception {
        // given an in-progress run followed by a stream, on a store that refuses to change runs
        InMemoryStores memory = new InMemoryStores();
        AtomicBoolean full = new AtomicBoolean(true);
        AssistantThread thread = new AssistantThread(Ids.next(Ids.THREAD), 1, null, null);
        memory.threads().insert(PROJECT, thread, List.of());
        Run run = TestRuns.of(thread.id(), Ids.next(Ids.ASSISTANT), RunStatus.IN_PROGRESS, 1);
        memory.runs().insertIfIdle(PROJECT, run, List.of());
        RunEvents events = new RunEvents();
        RunEventLog.Subscription stream = events.log(run.id()).subscribe(0);
        RunStates states = new RunStates(refusingRunChanges(memory, full), events, Clock.systemUTC());

        // when the run ends
        states.end(
                PROJECT,
                thread.id(),
                run.id(),
                current -> Optional.of(current.toBuilder()
                        .status(RunStatus.COMPLETED)
                        .completedAt(2L)
                        .build()));

        // then the stream gets an error event that ends it, while the run is still in progress
        RunEvent told = stream.next(Duration.ofSeconds(10)).orElseThrow();
        assertThat(told).isInstanceOf(RunEvent.Error.class);
        assertThat(told.closesStream()).isTrue();
        assertThat(((RunEvent.Error) told).envelope().error().code()).isEqualTo("store_unavailable");
        assertThat(status(memory, run)).isEqualTo(RunStatus.IN_PROGRESS);

        // when the store takes writes again, the run ends as it was to
        full.set(false);
        assertThat(Poll.until(Duration.ofSeconds(30), () -> status(memory, run), RunStatus::terminal))
                .isEqualTo(RunStatus.COMPLETED);
    }

    private static RunStatus status(InMemoryStores memory, Run run) {
        return memory.runs()
                .find(PROJECT, run.threadId(), run.id())
                .orElseThrow()
                .status();
    }

    /** {@code memory}, whose runs cannot be changed while {@code full} is set (as on a full disk). */
    private static Stores refusingRunChanges(InMemoryStores memory, AtomicBoolean full) {
        RunStore runs = delegating(
                RunStore.class,
                memory.runs(),
                method -> full.get() && (method.equals("replace") || method.equals("update")));
        return delegating(Stores.class, memory, method -> false, runs);
    }

    private interface Refused {
        boolean test(String method);
    }

    private static <T> T delegating(Class<T> type, T target, Refused refused) {
        return delegating(type, target, refused, null);
    }

    /** A proxy of {@code target} that throws a 503 for the methods {@code refused}, and answers runs() with runs. */
    private static <T> T delegating(Class<T> type, T target, Refused refused, RunStore runs) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (runs != null && method.getName().equals("runs")) {
                return runs;
            }
            if (refused.test(method.getName())) {
                throw new ServiceUnavailableException(
                        "The server cannot use its database right now (the disk is full).", "store_unavailable", null);
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
