package dev.assistants4j.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.assistants4j.client.AssistantEventHandler;
import dev.assistants4j.client.Assistants4j;
import dev.assistants4j.client.StreamEvent;
import dev.assistants4j.client.model.Assistant;
import dev.assistants4j.client.model.Message;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.model.Text;
import dev.assistants4j.client.model.TextDelta;
import dev.assistants4j.client.model.Tool;
import dev.assistants4j.client.model.ToolCall;
import dev.assistants4j.client.model.ToolCallDelta;
import dev.assistants4j.client.params.AssistantParams;
import dev.assistants4j.client.params.RunParams;
import dev.assistants4j.server.client.SdkTransport.Sdk;
import dev.assistants4j.testkit.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OpenAI's Assistants quickstart in Java: the Math Tutor with code_interpreter, streamed with an event handler. The
 * model (a fake upstream) writes the code; the real sandbox runs it and prints {@code x = 1}; then the model answers.
 * Over HTTP and in-process.
 */
class MathTutorQuickstartTest {

    private static final String SOLVE = "x = (14 - 11) / 3\nprint(f\"x = {x:g}\")";
    private static final String QUESTION = "I need to solve the equation `3x + 11 = 14`. Can you help me?";

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void math_tutor_streams_the_code_its_output_and_the_answer(SdkTransport transport) {
        try (Sdk sdk = transport.startWithSandbox(dataDir)) {
            Assistants4j client = sdk.client();
            sdk.upstream().enqueue(Reply.toolCalls(SdkFlows.codeCall(SOLVE)), Reply.text("The solution is ", "x = 1."));

            // Step 1: create an assistant
            Assistant assistant = client.createAssistant(AssistantParams.builder("gpt-4o")
                    .name("Math Tutor")
                    .instructions("You are a personal math tutor. Write and run code to answer math questions.")
                    .tool(Tool.codeInterpreter())
                    .build());
            // Step 2: create a thread; step 3: add a message to it
            String threadId = client.createThread().id();
            client.addMessage(threadId, QUESTION);
            // Step 4: create a run, streamed
            Recorder recorder = new Recorder();
            Run run = client.runThreadStream(
                    threadId,
                    RunParams.builder(assistant.id())
                            .instructions("Please address the user as Jane Doe. The user has a premium account.")
                            .build(),
                    recorder);

            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(recorder.code).hasToString(SOLVE);
            assertThat(recorder.logs).containsExactly("x = 1\n");
            assertThat(recorder.text).hasToString("The solution is x = 1.");
            assertThat(recorder.calls)
                    .containsExactly(
                            "tool call created code_interpreter",
                            "tool call done input=" + SOLVE + " logs=[x = 1\n]",
                            "text created",
                            "text done The solution is x = 1.",
                            "end completed");
            assertThat(client.getMessages(threadId).data())
                    .extracting(Message::role, Message::text)
                    .first()
                    .isEqualTo(tuple("assistant", "The solution is x = 1."));
            List<String> prompt =
                    SdkFlows.chatRequests(sdk.upstream()).getLast().body().findValuesAsText("content");
            assertThat(String.join("\n", prompt)).contains("x = 1");
        }
    }

    @Test
    void both_transports_stream_the_same_events_and_callbacks(@TempDir Path httpDir, @TempDir Path inProcessDir) {
        List<String> overHttp = streamedTutor(SdkTransport.HTTP, httpDir);
        List<String> inProcess = streamedTutor(SdkTransport.IN_PROCESS, inProcessDir);

        assertThat(overHttp).contains("thread.run.step.delta", "thread.message.delta", "end completed");
        assertThat(inProcess).containsExactlyElementsOf(overHttp);
    }

    /** The names of the events of the tutor's streamed run, then the handler's callbacks. */
    private static List<String> streamedTutor(SdkTransport transport, Path dataDir) {
        try (Sdk sdk = transport.startWithSandbox(dataDir)) {
            Assistants4j client = sdk.client();
            sdk.upstream().enqueue(Reply.toolCalls(SdkFlows.codeCall(SOLVE)), Reply.text("x = ", "1 ✓ — ", "done 🎉"));
            String assistantId = client.createAssistant(AssistantParams.builder("gpt-4o")
                            .tool(Tool.codeInterpreter())
                            .build())
                    .id();
            String threadId = client.createThread().id();
            client.addMessage(threadId, QUESTION);
            List<String> events = new ArrayList<>();
            Recorder recorder = new Recorder() {
                @Override
                public void onEvent(StreamEvent event) {
                    events.add(event.event());
                }
            };
            client.runThreadStream(threadId, RunParams.of(assistantId), recorder);
            events.addAll(recorder.calls);
            events.add(recorder.text.toString());
            events.add(recorder.code.toString());
            events.addAll(recorder.logs);
            return events;
        }
    }

    /** Records what the quickstart's handler prints: the code input, its logs, the text, and the callbacks. */
    private static class Recorder implements AssistantEventHandler {
        final StringBuilder code = new StringBuilder();
        final List<String> logs = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        final List<String> calls = new ArrayList<>();

        @Override
        public void onTextCreated(Text created) {
            calls.add("text created");
        }

        @Override
        public void onTextDelta(TextDelta delta, Text snapshot) {
            text.append(delta.value());
        }

        @Override
        public void onTextDone(Text done) {
            calls.add("text done " + done.value());
        }

        @Override
        public void onToolCallCreated(ToolCall toolCall) {
            calls.add("tool call created " + toolCall.type());
        }

        @Override
        public void onToolCallDelta(ToolCallDelta delta, ToolCall snapshot) {
            if (delta.codeInterpreter() == null) {
                return;
            }
            if (delta.codeInterpreter().input() != null) {
                code.append(delta.codeInterpreter().input());
            }
            if (delta.codeInterpreter().outputs() != null) {
                delta.codeInterpreter().outputs().stream()
                        .filter(output -> output.type().equals("logs"))
                        .forEach(output -> logs.add(output.logs()));
            }
        }

        @Override
        public void onToolCallDone(ToolCall toolCall) {
            ToolCall.CodeInterpreterToolCall call = (ToolCall.CodeInterpreterToolCall) toolCall;
            calls.add("tool call done input=" + call.input() + " logs="
                    + call.outputs().stream().map(ToolCall.CodeOutput::logs).toList());
        }

        @Override
        public void onEnd(Run finalRun) {
            calls.add("end " + finalRun.status().wire());
        }
    }
}
