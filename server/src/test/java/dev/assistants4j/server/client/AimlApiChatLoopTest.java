package dev.assistants4j.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.client.AssistantEventHandler;
import dev.assistants4j.client.Assistants4j;
import dev.assistants4j.client.model.Message;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.model.Text;
import dev.assistants4j.client.model.TextDelta;
import dev.assistants4j.client.model.Tool;
import dev.assistants4j.client.model.ToolCall;
import dev.assistants4j.client.model.ToolCallDelta;
import dev.assistants4j.client.params.AssistantParams;
import dev.assistants4j.client.params.MessageParams;
import dev.assistants4j.client.params.RunParams;
import dev.assistants4j.server.client.SdkTransport.Sdk;
import dev.assistants4j.testkit.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * AI/ML API's assistants guide in Java: its chat loop (several turns on one thread, each run to its end and the newest
 * assistant message printed) and its streaming loop with an event handler printing text and code_interpreter input and
 * logs as they come; over HTTP and in-process, on a fake upstream and the real sandbox.
 */
class AimlApiChatLoopTest {

    private static final String KEEP_CONCISE = "Keep responses concise and clear.";

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void chat_loop_prints_each_answer(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            String assistantId = client.createAssistant(assistantParams()).id();
            String threadId = client.createThread().id();
            List<String> questions = List.of(
                    "Hi! Please write 3 good things about corn flakes for me", "And one bad thing?", "Thanks, bye.");
            sdk.upstream()
                    .enqueue(Reply.text("Crunchy, ", "quick, fortified."), Reply.text("Sugary."), Reply.text("Bye!"));

            List<String> printed = new ArrayList<>();
            for (String question : questions) {
                printed.add(sendMessage(client, assistantId, threadId, question));
            }

            assertThat(printed)
                    .containsExactly(
                            "Assistant > Crunchy, quick, fortified.", "Assistant > Sugary.", "Assistant > Bye!");
            assertThat(client.getMessages(threadId).data()).hasSize(6);
            JsonNode lastRequest =
                    SdkFlows.chatRequests(sdk.upstream()).getLast().body();
            assertThat(lastRequest.get("messages").toString())
                    .contains(
                            KEEP_CONCISE, questions.get(0), "Crunchy, quick, fortified.", "Sugary.", questions.get(2));
        }
    }

    /** The guide's {@code send_message}: add the message, run to the end, print the newest assistant message. */
    private static String sendMessage(Assistants4j client, String assistantId, String threadId, String text) {
        client.addMessage(threadId, MessageParams.user(text));
        Run run = client.runThread(
                threadId,
                RunParams.builder(assistantId).instructions(KEEP_CONCISE).build());
        if (run.status() != RunStatus.COMPLETED) {
            return "Error: Failed to get a response from the Assistant.";
        }
        return client.getMessages(threadId).data().stream()
                .filter(message -> message.role().equals("assistant"))
                .findFirst()
                .map(message -> "Assistant > " + message.text())
                .orElse("Error: no answer");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void streaming_loop_prints_text_code_and_logs(SdkTransport transport) {
        String code = "print(sum([1, 2, 3]))";
        try (Sdk sdk = transport.startWithSandbox(dataDir)) {
            Assistants4j client = sdk.client();
            String assistantId = client.createAssistant(AssistantParams.builder("gpt-4o")
                            .name("AI Assistant")
                            .instructions("You are a helpful assistant.")
                            .tool(Tool.codeInterpreter())
                            .build())
                    .id();
            String threadId = client.createThread().id();
            sdk.upstream()
                    .enqueue(
                            Reply.toolCalls(SdkFlows.codeCall(code)),
                            Reply.text("The sum ", "is 6."),
                            Reply.text("You're ", "welcome."));
            StringBuilder out = new StringBuilder();
            PrintingHandler handler = new PrintingHandler(out);

            Run first = streamMessage(client, assistantId, threadId, "Add 1, 2 and 3 with code.", handler);
            Run second = streamMessage(client, assistantId, threadId, "Thanks!", handler);

            assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(out)
                    .hasToString("\nAssistant > code_interpreter\n\n" + code + "\n\noutput >\n\n6\n\n"
                            + "\nAssistant > The sum is 6."
                            + "\nAssistant > You're welcome.");
            assertThat(client.getMessages(threadId).data())
                    .extracting(Message::text)
                    .containsExactly("You're welcome.", "Thanks!", "The sum is 6.", "Add 1, 2 and 3 with code.");
        }
    }

    private static Run streamMessage(
            Assistants4j client, String assistantId, String threadId, String text, AssistantEventHandler handler) {
        client.addMessage(threadId, text);
        return client.runThreadStream(
                threadId,
                RunParams.builder(assistantId).instructions(KEEP_CONCISE).build(),
                handler);
    }

    /** The guide's EventHandler, printing into {@code out} as Python's print would. */
    private record PrintingHandler(StringBuilder out) implements AssistantEventHandler {
        @Override
        public void onTextCreated(Text text) {
            out.append("\nAssistant > ");
        }

        @Override
        public void onTextDelta(TextDelta delta, Text snapshot) {
            out.append(delta.value());
        }

        @Override
        public void onToolCallCreated(ToolCall toolCall) {
            out.append("\nAssistant > ").append(toolCall.type()).append("\n\n");
        }

        @Override
        public void onToolCallDelta(ToolCallDelta delta, ToolCall snapshot) {
            if ("code_interpreter".equals(delta.type()) && delta.codeInterpreter() != null) {
                if (delta.codeInterpreter().input() != null) {
                    out.append(delta.codeInterpreter().input());
                }
                List<ToolCall.CodeOutput> outputs = delta.codeInterpreter().outputs();
                if (outputs != null && !outputs.isEmpty()) {
                    out.append("\n\noutput >\n");
                    outputs.stream()
                            .filter(output -> output.type().equals("logs"))
                            .forEach(output ->
                                    out.append("\n").append(output.logs()).append("\n"));
                }
            }
        }
    }

    private static AssistantParams assistantParams() {
        return AssistantParams.builder("gpt-4o")
                .name("AI Assistant")
                .instructions("You are a helpful assistant.")
                .build();
    }
}
