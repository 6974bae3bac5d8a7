package dev.assistants4j.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.assistants4j.client.AssistantEventHandler;
import dev.assistants4j.client.Assistants4j;
import dev.assistants4j.client.RunStream;
import dev.assistants4j.client.StreamEvent;
import dev.assistants4j.client.model.Assistant;
import dev.assistants4j.client.model.AssistantThread;
import dev.assistants4j.client.model.DeletedObject;
import dev.assistants4j.client.model.Message;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.model.Text;
import dev.assistants4j.client.model.TextDelta;
import dev.assistants4j.client.params.AssistantParams;
import dev.assistants4j.client.params.ListParams;
import dev.assistants4j.client.params.MessageParams;
import dev.assistants4j.client.params.RunParams;
import dev.assistants4j.client.params.ThreadParams;
import dev.assistants4j.server.client.SdkTransport.Sdk;
import dev.assistants4j.testkit.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LiteLLM's assistants SDK flows (get_assistants, create_assistants, delete_assistant, create_thread, get_thread,
 * add_message, get_messages, run_thread, run_thread_stream, and their async twins) written against the Java SDK, each
 * over HTTP and in-process, on a fake upstream.
 */
class LiteLlmSdkFlowsTest {

    private static final String HELLO = "Hey, how's it going?";

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void assistants_threads_and_messages(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();

            Assistant created = client.createAssistant(tutorParams());
            List<Assistant> listed = client.getAssistants().data();
            AssistantThread thread = client.createThread(
                    ThreadParams.builder().message(MessageParams.user(HELLO)).build());
            AssistantThread received = client.getThread(thread.id());
            Message added = client.addMessage(thread.id(), HELLO + " Again.");
            List<Message> messages = client.getMessages(thread.id(), ListParams.DEFAULT.order("asc"))
                    .data();
            DeletedObject deleted = client.deleteAssistant(created.id());

            assertThat(created.id()).startsWith("asst_");
            assertThat(created.name()).isEqualTo("Math Tutor");
            assertThat(created.model()).isEqualTo("gpt-4o-mini");
            assertThat(listed)
                    .extracting(Assistant::id, Assistant::name)
                    .containsExactly(tuple(created.id(), "Math Tutor"));
            assertThat(received.id()).isEqualTo(thread.id()).startsWith("thread_");
            assertThat(added.threadId()).isEqualTo(thread.id());
            assertThat(added.role()).isEqualTo("user");
            assertThat(added.text()).isEqualTo(HELLO + " Again.");
            assertThat(messages)
                    .extracting(Message::role, Message::text)
                    .containsExactly(tuple("user", HELLO), tuple("user", HELLO + " Again."));
            assertThat(deleted).isEqualTo(new DeletedObject(created.id(), "assistant.deleted", true));
            assertThat(client.getAssistants().data()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void assistants_threads_and_messages_async(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();

            Assistant created = client.createAssistantAsync(tutorParams()).join();
            List<Assistant> listed = client.getAssistantsAsync().join().data();
            AssistantThread thread = client.createThreadAsync(ThreadParams.builder()
                            .message(MessageParams.user(HELLO))
                            .build())
                    .join();
            AssistantThread received = client.getThreadAsync(thread.id()).join();
            Message added = client.addMessageAsync(thread.id(), "Second.").join();
            List<Message> messages = client.getMessagesAsync(thread.id()).join().data();
            DeletedObject deleted = client.deleteAssistantAsync(created.id()).join();

            assertThat(listed).extracting(Assistant::id).containsExactly(created.id());
            assertThat(received.id()).isEqualTo(thread.id());
            assertThat(added.role()).isEqualTo("user");
            assertThat(added.text()).isEqualTo("Second.");
            assertThat(messages)
                    .extracting(Message::id, Message::text)
                    .containsExactly( // newest first
                            tuple(added.id(), "Second."), tuple(messages.get(1).id(), HELLO));
            assertThat(deleted.deleted()).isTrue();
            assertThat(client.getAssistantsAsync().join().data()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void run_thread_waits_for_the_answer(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            sdk.upstream().enqueue(Reply.text("Going ", "well, thanks!"));
            String assistantId = client.createAssistant(tutorParams()).id();
            String assistantIdFound = client.getAssistants().data().getFirst().id();
            AssistantThread thread = client.createThread(
                    ThreadParams.builder().message(MessageParams.user(HELLO)).build());
            client.addMessage(thread.id(), HELLO);

            Run run = client.runThread(thread.id(), RunParams.of(assistantIdFound));

            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.assistantId()).isEqualTo(assistantId);
            assertThat(run.threadId()).isEqualTo(thread.id());
            Message answer = client.getMessages(thread.id()).data().getFirst();
            assertThat(answer.role()).isEqualTo("assistant");
            assertThat(answer.text()).isEqualTo("Going well, thanks!");
            assertThat(answer.runId()).isEqualTo(run.id());
            assertThat(answer.assistantId()).isEqualTo(assistantId);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void run_thread_async_waits_for_the_answer(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            sdk.upstream().enqueue(Reply.text("Async ", "answer."));
            String assistantId =
                    client.createAssistantAsync(tutorParams()).join().id();
            String threadId = client.createThreadAsync().join().id();
            client.addMessageAsync(threadId, HELLO).join();

            Run run = client.runThreadAsync(threadId, RunParams.of(assistantId)).join();

            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(client.getMessagesAsync(threadId).join().data())
                    .extracting(Message::role, Message::text)
                    .containsExactly(tuple("assistant", "Async answer."), tuple("user", HELLO));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void run_thread_stream_yields_the_events_in_order(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            sdk.upstream().enqueue(Reply.text("Streaming ", "is ", "fine."));
            String assistantId = client.createAssistant(tutorParams()).id();
            String threadId = client.createThread(ThreadParams.builder()
                            .message(MessageParams.user(HELLO))
                            .build())
                    .id();

            List<StreamEvent> events = new ArrayList<>();
            Run finalRun;
            try (RunStream stream = client.runThreadStream(
                    threadId,
                    RunParams.builder(assistantId)
                            .additionalMessage(MessageParams.user(HELLO))
                            .build())) {
                stream.forEach(events::add);
                finalRun = stream.finalRun();
            }

            List<String> names = events.stream().map(StreamEvent::event).toList();
            assertThat(names.getFirst()).isEqualTo("thread.run.created");
            assertThat(names.getLast()).isEqualTo("thread.run.completed");
            assertThat(names)
                    .containsSubsequence(
                            "thread.run.created",
                            "thread.run.in_progress",
                            "thread.message.created",
                            "thread.message.delta",
                            "thread.message.completed",
                            "thread.run.completed");
            String streamed = events.stream()
                    .filter(StreamEvent.MessageDeltaEvent.class::isInstance)
                    .map(event ->
                            ((StreamEvent.MessageDeltaEvent) event).delta().text())
                    .reduce("", String::concat);
            Message completed = events.stream()
                    .filter(event -> event.event().equals("thread.message.completed"))
                    .map(event -> ((StreamEvent.MessageEvent) event).message())
                    .findFirst()
                    .orElseThrow();
            assertThat(streamed).isEqualTo("Streaming is fine.").isEqualTo(completed.text());
            assertThat(finalRun.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(client.getMessages(threadId).data())
                    .extracting(Message::role, Message::text)
                    .containsExactly(
                            tuple("assistant", "Streaming is fine."), tuple("user", HELLO), tuple("user", HELLO));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void run_thread_stream_async_calls_the_handler(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            sdk.upstream().enqueue(Reply.text("Handled ", "async."));
            String assistantId = client.createAssistant(tutorParams()).id();
            String threadId = client.createThread().id();
            client.addMessage(threadId, HELLO);
            List<String> calls = new ArrayList<>();
            StringBuilder deltas = new StringBuilder();

            Run run = client.runThreadStreamAsync(threadId, RunParams.of(assistantId), new AssistantEventHandler() {
                        @Override
                        public void onRunCreated(Run created) {
                            calls.add("run created " + created.status());
                        }

                        @Override
                        public void onTextCreated(Text text) {
                            calls.add("text created");
                        }

                        @Override
                        public void onTextDelta(TextDelta delta, Text snapshot) {
                            deltas.append(delta.value());
                            assertThat(snapshot.value()).isEqualTo(deltas.toString());
                        }

                        @Override
                        public void onTextDone(Text text) {
                            calls.add("text done " + text.value());
                        }

                        @Override
                        public void onMessageDone(Message message) {
                            calls.add("message done " + message.role() + " " + message.text());
                        }

                        @Override
                        public void onEnd(Run finalRun) {
                            calls.add("end " + finalRun.status());
                        }
                    })
                    .join();

            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(deltas).hasToString("Handled async.");
            assertThat(calls)
                    .containsExactly(
                            "run created QUEUED",
                            "text created",
                            "text done Handled async.",
                            "message done assistant Handled async.",
                            "end COMPLETED");
        }
    }

    private static AssistantParams tutorParams() {
        return AssistantParams.builder("gpt-4o-mini")
                .name("Math Tutor")
                .instructions("You are a personal math tutor.")
                .build();
    }
}
