package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.domain.FunctionDefinition;
import dev.assistants4j.core.domain.FunctionTool;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.domain.StepToolCall;
import dev.assistants4j.core.engine.ModelRouter;
import dev.assistants4j.core.engine.RunService;
import dev.assistants4j.core.engine.ToolOutput;
import dev.assistants4j.core.service.AssistantCreateRequest;
import dev.assistants4j.core.service.ThreadCreateRequest;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.providers.OpenAiCompatibleProvider;
import dev.assistants4j.store.JdbcStores;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Poll;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submitted tool outputs survive a crash right after the submit's first commit: the process "dies" there (every
 * later write fails, as nothing after a kill -9 is written), and a new process on the same database resumes the run
 * with the outputs. Before, the run went back to queued in one commit and the outputs followed in another, so the
 * resumed run sent the model empty results and its step stayed in progress.
 */
class SubmitToolOutputsCrashTest {

    private static final String PROJECT = "proj_crash";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final FakeUpstream upstream = FakeUpstream.start();
    private final OpenAiCompatibleProvider provider = OpenAiCompatibleProvider.openAi(
                    URI.create(upstream.baseUrl()), Optional.of("sk-test"))
            .build();

    @AfterEach
    void stop() {
        provider.close();
        upstream.close();
    }

    @Test
    void outputs_submitted_just_before_a_crash_reach_the_model_after_the_restart() throws Exception {
        // given a run waiting for the output of one function call
        upstream.enqueue(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}")), Reply.text("Sunny."));
        AtomicInteger writesBeforeDeath = new AtomicInteger(Integer.MAX_VALUE);
        String threadId;
        Run waiting;
        try (JdbcStores real = JdbcStores.openSqlite(dir)) {
            Stores stores = dying(real, writesBeforeDeath);
            RunService runs = runService(stores);
            threadId = InProcessRuns.threads(stores)
                    .create(
                            PROJECT,
                            new ThreadCreateRequest(List.of(InProcessRuns.user("Weather in Paris?")), null, null))
                    .id();
            RunService.StartedRun started =
                    runs.create(PROJECT, threadId, InProcessRuns.request(assistant(stores), List.of()));
            assertThat(InProcessRuns.finalEvent(started, DEADLINE)).isEqualTo("thread.run.requires_action");
            waiting = runs.retrieve(PROJECT, threadId, started.run().id());

            // when the process dies right after the submit's first commit
            writesBeforeDeath.set(1);
            String callId = waiting.requiredAction()
                    .submitToolOutputs()
                    .toolCalls()
                    .getFirst()
                    .id();
            try {
                runs.submitToolOutputs(PROJECT, threadId, waiting.id(), List.of(new ToolOutput(callId, "sunny")));
            } catch (RuntimeException dead) {
                // the old code died between its two commits: the submit never answered
            }
            runs.close();
        }

        // then a new process resumes the run with the output
        try (JdbcStores restarted = JdbcStores.openSqlite(dir)) {
            RunService runs = runService(restarted);
            runs.recover();
            Run ended = awaitTerminal(runs, threadId, waiting.id());
            runs.close();
            assertThat(ended.status()).isEqualTo(RunStatus.COMPLETED);
            JsonNode toolMessage = upstream.requests()
                    .getLast()
                    .body()
                    .get("messages")
                    .valueStream()
                    .filter(message -> message.path("role").asText().equals("tool"))
                    .findFirst()
                    .orElseThrow();
            assertThat(toolMessage.get("content").asText()).isEqualTo("sunny");
            RunStep toolStep =
                    restarted.runSteps().list(PROJECT, threadId, waiting.id(), PageRequest.firstPage()).data().stream()
                            .filter(step -> step.stepDetails() instanceof StepDetails.ToolCalls)
                            .findFirst()
                            .orElseThrow();
            assertThat(toolStep.status().wireName()).isEqualTo("completed");
            StepToolCall.Function call = (StepToolCall.Function)
                    ((StepDetails.ToolCalls) toolStep.stepDetails()).toolCalls().getFirst();
            assertThat(call.function().output()).isEqualTo("sunny");
        }
    }

    private RunService runService(Stores stores) {
        ModelRouter router = model -> Optional.of(new ModelRouter.RoutedModel(provider, "gpt-upstream"));
        return InProcessRuns.runs(stores, router, dir.resolve("files"));
    }

    private static String assistant(Stores stores) {
        FunctionTool weather = new FunctionTool(new FunctionDefinition("get_weather", null, null, false));
        return InProcessRuns.assistants(stores)
                .create(
                        PROJECT,
                        new AssistantCreateRequest(
                                "gpt-4o",
                                null,
                                null,
                                "Be brief.",
                                List.of(weather),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null))
                .id();
    }

    private static Run awaitTerminal(RunService runs, String threadId, String runId) {
        Run run = Poll.until(DEADLINE, () -> runs.retrieve(PROJECT, threadId, runId), read -> read.status()
                .terminal());
        if (!run.status().terminal()) {
            throw new AssertionError("the run did not end within " + DEADLINE + ": " + run.status());
        }
        return run;
    }

    /**
     * The real stores, whose writes ({@code insert*}, {@code update*}, {@code delete*}, {@code replace}, {@code reopen} of any store) fail once {@code
     * writesLeft} of them were made: the process is dead from then on, and what it committed is what a restart finds.
     */
    private static Stores dying(Stores real, AtomicInteger writesLeft) {
        return proxy(Stores.class, real, (target, method, args) -> {
            Object result = invoke(target, method, args);
            Class<?> type = method.getReturnType();
            return type.isInterface() && type.getPackageName().equals(Stores.class.getPackageName())
                    ? proxy(type, result, (store, storeMethod, storeArgs) -> {
                        if (isWrite(storeMethod) && writesLeft.getAndDecrement() <= 0) {
                            throw new IllegalStateException("the process was killed");
                        }
                        return invoke(store, storeMethod, storeArgs);
                    })
                    : result;
        });
    }

    private static boolean isWrite(Method method) {
        String name = method.getName();
        return name.startsWith("insert")
                || name.startsWith("update")
                || name.startsWith("delete")
                || name.equals("replace")
                || name.equals("reopen");
    }

    private interface Call {
        Object on(Object target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Object target, Call call) {
        return type.cast(Proxy.newProxyInstance(
                type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> call.on(target, method, args)));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
