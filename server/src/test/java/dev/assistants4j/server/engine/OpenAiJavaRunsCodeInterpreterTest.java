package dev.assistants4j.server.engine;

import static dev.assistants4j.server.OpenAiJava.messages;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.createAssistant;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.createThread;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.first;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.names;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.runOf;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.beta.assistants.AssistantCreateParams;
import com.openai.models.beta.assistants.AssistantStreamEvent;
import com.openai.models.beta.assistants.CodeInterpreterTool;
import com.openai.models.beta.threads.messages.FilePathAnnotation;
import com.openai.models.beta.threads.messages.Message;
import com.openai.models.beta.threads.messages.MessageContent;
import com.openai.models.beta.threads.messages.MessageContentDelta;
import com.openai.models.beta.threads.runs.steps.CodeInterpreterToolCall;
import com.openai.models.beta.threads.runs.steps.CodeInterpreterToolCallDelta;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.Reply;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** code_interpreter runs through the openai-java SDK: code and output deltas, the step, image and file_path parts. */
@SuppressWarnings("deprecation") // OpenAI marks the Assistants API deprecated in the SDK; it is what we serve.
class OpenAiJavaRunsCodeInterpreterTest {

    private static final String CODE = "import matplotlib.pyplot as plt\nprint(6 * 7)\nplt.plot([1, 4, 9])\n"
            + "plt.show()\n_ = open('/mnt/data/r.txt', 'w').write('done')";
    private static final String ANSWER = "42. See sandbox:/mnt/data/r.txt";

    @RegisterExtension
    final ServerExtension server = extension();

    /** The server and its fake upstream; a subclass routes the model elsewhere (another wire protocol). */
    ServerExtension extension() {
        return ServerExtension.withFakeUpstream().codeInterpreter(SharedSandbox::get);
    }

    @Test
    void create_streaming_parses_the_code_deltas_the_step_and_the_image_and_file_path_parts() {
        // given
        server.upstream()
                .enqueue(
                        Reply.toolCalls(CodeInterpreterRunTest.codeCall(CODE)),
                        Reply.text("42. See sandbox:", "/mnt/data/r.txt"));
        String assistantId = createAssistant(
                server.client(),
                AssistantCreateParams.builder()
                        .model("gpt-4o")
                        .name("Math Tutor")
                        .addTool(CodeInterpreterTool.builder().build())
                        .build());
        String threadId = createThread(server.client(), "Compute and plot.");

        // when
        List<AssistantStreamEvent> events = stream(server.client(), threadId, runOf(assistantId));

        // then
        assertThat(names(events).getLast()).isEqualTo("thread.run.completed");
        List<CodeInterpreterToolCallDelta> deltas = events.stream()
                .flatMap(event -> event.threadRunStepDelta().stream())
                .map(event -> event.data().delta().stepDetails().orElseThrow().asToolCalls())
                .map(details -> details.toolCalls().orElseThrow().getFirst().asCodeInterpreter())
                .toList();
        assertThat(deltas.getFirst().id())
                .hasValueSatisfying(id -> assertThat(id).startsWith("call_"));
        String input = deltas.stream()
                .flatMap(delta ->
                        delta.codeInterpreter().flatMap(CodeInterpreterToolCallDelta.CodeInterpreter::input).stream())
                .reduce("", String::concat);
        assertThat(input).isEqualTo(CODE);
        List<CodeInterpreterToolCallDelta.CodeInterpreter.Output> outputs = deltas.getLast()
                .codeInterpreter()
                .flatMap(CodeInterpreterToolCallDelta.CodeInterpreter::outputs)
                .orElseThrow();
        assertThat(outputs).hasSize(2);
        assertThat(outputs.get(0).asLogs().logs()).contains("42\n");
        assertThat(outputs.get(0).asLogs().index()).isZero();
        String imageId = outputs.get(1).asImage().image().orElseThrow().fileId().orElseThrow();
        assertThat(outputs.get(1).asImage().index()).isEqualTo(1);
        CodeInterpreterToolCall call = first(events, AssistantStreamEvent::threadRunStepCompleted)
                .data()
                .stepDetails()
                .asToolCalls()
                .toolCalls()
                .getFirst()
                .asCodeInterpreter();
        assertThat(call.codeInterpreter().input()).isEqualTo(CODE);
        assertThat(call.codeInterpreter().outputs().get(0).asLogs().logs()).isEqualTo("42\n");
        assertThat(call.codeInterpreter().outputs().get(1).asImage().image().fileId())
                .isEqualTo(imageId);
        MessageContentDelta imageDelta = events.stream()
                .flatMap(event -> event.threadMessageDelta().stream())
                .map(event -> event.data().delta().content().orElseThrow().getFirst())
                .findFirst()
                .orElseThrow();
        assertThat(imageDelta.asImageFile().imageFile().flatMap(image -> image.fileId()))
                .isEqualTo(Optional.of(imageId));
        Message completed =
                first(events, AssistantStreamEvent::threadMessageCompleted).data();
        assertThat(completed.content()).hasSize(2);
        assertThat(completed.content().getFirst().asImageFile().imageFile().fileId())
                .isEqualTo(imageId);
        MessageContent text = completed.content().get(1);
        assertThat(text.asText().text().value()).isEqualTo(ANSWER);
        FilePathAnnotation path = text.asText().text().annotations().getFirst().asFilePath();
        assertThat(path.text()).isEqualTo("sandbox:/mnt/data/r.txt");
        assertThat(path.startIndex()).isEqualTo(ANSWER.indexOf("sandbox:"));
        assertThat(path.endIndex()).isEqualTo(ANSWER.length());
        assertThat(server.client().files().content(path.filePath().fileId()).body())
                .hasContent("done");
        assertThat(messages(server.client(), threadId).getLast().content()).hasSize(2);
    }
}
