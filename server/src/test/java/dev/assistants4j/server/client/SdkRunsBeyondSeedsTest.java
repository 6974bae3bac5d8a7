package dev.assistants4j.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.client.ApiConnectionException;
import dev.assistants4j.client.AssistantEventHandler;
import dev.assistants4j.client.Assistants4j;
import dev.assistants4j.client.RunStream;
import dev.assistants4j.client.StreamEvent;
import dev.assistants4j.client.model.Assistant;
import dev.assistants4j.client.model.AssistantThread;
import dev.assistants4j.client.model.Page;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.model.ToolCall;
import dev.assistants4j.client.params.AssistantParams;
import dev.assistants4j.client.params.ListParams;
import dev.assistants4j.client.params.MessageParams;
import dev.assistants4j.client.params.RunParams;
import dev.assistants4j.client.params.ThreadParams;
import dev.assistants4j.client.params.ToolOutput;
import dev.assistants4j.server.client.SdkTransport.Sdk;
import dev.assistants4j.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SDK's run calls around the seeds' flows, over HTTP and in-process: create thread and run streamed, pages,
 * a stream closed early, a streamed submit of tool outputs with the handler, a run the model fails, and the client
 * closed while a stream is read.
 */
class SdkRunsBeyondSeedsTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void create_thread_and_run_streams_the_thread_first(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            sdk.upstream().enqueue(Reply.text("Hello ", "there."));
            String assistantId = SdkFlows.assistant(client);
            List<String> events = new ArrayList<>();
            AssistantThread[] thread = new AssistantThread[1];

            Run run = client.createThreadAndRunStream(
                    ThreadParams.builder().message(MessageParams.user("Hi")).build(),
                    RunParams.of(assistantId),
                    new AssistantEventHandler() {
                        @Override
                        public void onEvent(StreamEvent event) {
                            events.add(event.event());
                            if (event instanceof StreamEvent.ThreadEvent created) {
                                thread[0] = created.thread();
                            }
                        }
                    });

            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(events.getFirst()).isEqualTo("thread.created");
            assertThat(events.get(1)).isEqualTo("thread.run.created");
            assertThat(thread[0].id()).isEqualTo(run.threadId());
            assertThat(client.getMessages(run.threadId()).data().getFirst().text())
                    .isEqualTo("Hello there.");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void pages_follow_after_the_last_id(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            List<String> ids = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                ids.add(client.createAssistant(AssistantParams.builder("gpt-4o-mini")
                                .name(name)
                                .build())
                        .id());
            }

            Page<Assistant> first =
                    client.getAssistants(ListParams.DEFAULT.limit(2).order("asc"));

            assertThat(first.data()).extracting(Assistant::name).containsExactly("a", "b");
            assertThat(first.hasMore()).isTrue();
            assertThat(first.nextPage().orElseThrow().data())
                    .extracting(Assistant::name)
                    .containsExactly("c");
            assertThat(first.autoPaging().map(Assistant::id)).containsExactlyElementsOf(ids);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void a_stream_closed_early_leaves_the_run_going(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            sdk.upstream().enqueue(Reply.text("Still ", "answered."));
            String assistantId = SdkFlows.assistant(client);
            String threadId = SdkFlows.threadAsking(client, "Hi");

            Run created;
            try (RunStream stream = client.runThreadStream(threadId, RunParams.of(assistantId))) {
                created = ((StreamEvent.RunEvent) stream.iterator().next()).run();
            }
            Run run = client.pollRun(threadId, created.id());

            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(client.getMessages(threadId).data().getFirst().text()).isEqualTo("Still answered.");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void streamed_submit_of_tool_outputs_calls_the_handler(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            sdk.upstream()
                    .enqueue(
                            Reply.toolCalls(dev.assistants4j.testkit.ToolCall.of("get_weather", "{\"city\":\"Oslo\"}")),
                            Reply.text("Cold in ", "Oslo."));
            String assistantId = client.createAssistant(AssistantParams.builder("gpt-4o-mini")
                            .tool(dev.assistants4j.client.model.Tool.function(
                                    "get_weather", "Weather", SdkFlows.parse("{\"type\":\"object\"}")))
                            .build())
                    .id();
            String threadId = SdkFlows.threadAsking(client, "Weather in Oslo?");
            List<String> calls = new ArrayList<>();
            AssistantEventHandler handler = new AssistantEventHandler() {
                @Override
                public void onToolCallCreated(ToolCall toolCall) {
                    calls.add("created " + toolCall.type());
                }

                @Override
                public void onToolCallDone(ToolCall toolCall) {
                    ToolCall.FunctionToolCall call = (ToolCall.FunctionToolCall) toolCall;
                    calls.add("done " + call.name() + " " + call.arguments());
                }

                @Override
                public void onRequiresAction(Run run) {
                    calls.add("requires action " + run.toolCallsToAnswer().size());
                }

                @Override
                public void onEnd(Run finalRun) {
                    calls.add("end " + finalRun.status().wire());
                }
            };

            Run waiting = client.runThreadStream(threadId, RunParams.of(assistantId), handler);
            Run done = client.submitToolOutputsStreamAsync(
                            threadId,
                            waiting.id(),
                            List.of(new ToolOutput(
                                    waiting.toolCallsToAnswer().getFirst().id(), "-5C")),
                            handler)
                    .join();

            assertThat(waiting.status()).isEqualTo(RunStatus.REQUIRES_ACTION);
            assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(calls)
                    .containsExactly(
                            "created function",
                            "done get_weather {\"city\":\"Oslo\"}",
                            "requires action 1",
                            "end requires_action",
                            "end completed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void a_run_the_model_fails_ends_failed_with_its_error(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            sdk.upstream().defaultReply(Reply.error(400, "The model refused the request"));
            String assistantId = SdkFlows.assistant(client);
            String threadId = SdkFlows.threadAsking(client, "Hi");

            Run streamed = client.runThreadStream(threadId, RunParams.of(assistantId), new AssistantEventHandler() {});
            Run polled = client.runThread(threadId, RunParams.of(assistantId));

            assertThat(streamed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(streamed.lastError().message()).contains("The model refused the request");
            assertThat(polled.status()).isEqualTo(RunStatus.FAILED);
            assertThat(polled.lastError()).isEqualTo(streamed.lastError());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void async_runs_on_several_threads_at_once_each_get_their_answer(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            sdk.upstream().defaultReply(request -> {
                JsonNode messages = request.get("messages");
                return Reply.text(
                        "echo: ",
                        messages.get(messages.size() - 1).get("content").asText());
            });
            String assistantId = SdkFlows.assistant(client);
            List<String> questions = List.of("one", "two", "three", "four", "five", "six");

            List<CompletableFuture<String>> answers = questions.stream()
                    .map(question -> client.createThreadAsync(ThreadParams.builder()
                                    .message(MessageParams.user(question))
                                    .build())
                            .thenCompose(thread -> client.runThreadStreamAsync(
                                    thread.id(), RunParams.of(assistantId), new AssistantEventHandler() {}))
                            .thenCompose(run -> client.getMessagesAsync(run.threadId()))
                            .thenApply(page -> page.data().getFirst().text()))
                    .toList();

            assertThat(answers.stream().map(CompletableFuture::join))
                    .containsExactlyElementsOf(
                            questions.stream().map(q -> "echo: " + q).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void cancelling_a_streamed_run_ends_its_stream_cancelled(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            sdk.upstream().enqueue(Reply.hangUntilClosed(Duration.ofSeconds(30)));
            String assistantId = SdkFlows.assistant(client);
            String threadId = SdkFlows.threadAsking(client, "Take your time.");
            List<String> events = new ArrayList<>();

            Run run = client.runThreadStream(threadId, RunParams.of(assistantId), new AssistantEventHandler() {
                @Override
                public void onEvent(StreamEvent event) {
                    events.add(event.event());
                }

                @Override
                public void onRunStatus(Run current) {
                    if (current.status() == RunStatus.IN_PROGRESS) {
                        client.cancelRunAsync(threadId, current.id());
                    }
                }
            });

            assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(events).containsSubsequence("thread.run.in_progress", "thread.run.cancelling");
            assertThat(events.getLast()).isEqualTo("thread.run.cancelled");
            assertThat(client.getRun(threadId, run.id()).status()).isEqualTo(RunStatus.CANCELLED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void closing_the_client_ends_a_stream_being_read_and_refuses_later_calls(SdkTransport transport) throws Exception {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            sdk.upstream().enqueue(Reply.hangUntilClosed(Duration.ofSeconds(30)));
            String assistantId = SdkFlows.assistant(client);
            String threadId = SdkFlows.threadAsking(client, "Hi");
            CountDownLatch inProgress = new CountDownLatch(1);
            CompletableFuture<RuntimeException> reader = CompletableFuture.supplyAsync(() -> {
                try (RunStream stream = client.runThreadStream(threadId, RunParams.of(assistantId))) {
                    for (StreamEvent event : stream) {
                        if (event.event().equals("thread.run.in_progress")) {
                            inProgress.countDown();
                        }
                    }
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThat(inProgress.await(10, TimeUnit.SECONDS)).isTrue();

            client.close();

            assertThat(reader.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ApiConnectionException.class)
                    .hasMessageStartingWith("The event stream broke");
            assertThatThrownBy(() -> client.getThread(threadId))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The transport is closed.");
        }
    }
}
