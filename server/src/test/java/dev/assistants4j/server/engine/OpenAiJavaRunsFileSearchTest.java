package dev.assistants4j.server.engine;

import static dev.assistants4j.server.OpenAiJava.messages;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.createAssistant;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.createThread;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.fileSearchAssistant;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.first;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.names;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.runOf;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.runToCompletion;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.stream;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.toolCallDeltas;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.JsonValue;
import com.openai.models.beta.assistants.AssistantStreamEvent;
import com.openai.models.beta.threads.messages.AnnotationDelta;
import com.openai.models.beta.threads.messages.FileCitationAnnotation;
import com.openai.models.beta.threads.messages.FileCitationDeltaAnnotation;
import com.openai.models.beta.threads.messages.Message;
import com.openai.models.beta.threads.runs.RunCreateParams;
import com.openai.models.beta.threads.runs.steps.FileSearchToolCall;
import com.openai.models.beta.threads.runs.steps.FileSearchToolCallDelta;
import com.openai.models.beta.threads.runs.steps.RunStep;
import com.openai.models.beta.threads.runs.steps.RunStepInclude;
import com.openai.models.beta.threads.runs.steps.StepListParams;
import com.openai.models.vectorstores.VectorStoreCreateParams;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** file_search runs through the openai-java SDK: step deltas, results with include[], and file citations. */
@SuppressWarnings("deprecation") // OpenAI marks the Assistants API deprecated in the SDK; it is what we serve.
class OpenAiJavaRunsFileSearchTest {

    private static final String MARKER = "【0:0†paris.txt】";
    private static final String ANSWER = "It is Paris " + MARKER + ".";

    @RegisterExtension
    final ServerExtension server = extension();

    /** The server and its fake upstream; a subclass routes the model elsewhere (another wire protocol). */
    ServerExtension extension() {
        return ServerExtension.withFakeUpstream().fileSearch(new StubFileSearch());
    }

    private String threadId;
    private String assistantId;

    @BeforeEach
    void start() {
        String vectorStoreId = server.client()
                .vectorStores()
                .create(VectorStoreCreateParams.builder().name("cited").build())
                .id();
        assistantId = createAssistant(server.client(), fileSearchAssistant("Cite files.", vectorStoreId));
        threadId = createThread(server.client(), "Capital of France?");
        // the model searches, then answers citing the first result
        server.upstream()
                .enqueue(
                        Reply.toolCalls(ToolCall.of("file_search", "{\"queries\":[\"capital\"]}")),
                        Reply.text("It is Paris 【0", ":0†paris.txt】", "."));
    }

    @Test
    void create_streaming_parses_the_file_search_step_and_the_file_citation() {
        // when
        List<AssistantStreamEvent> events = stream(
                server.client(),
                threadId,
                RunCreateParams.builder()
                        .assistantId(assistantId)
                        .addInclude(RunStepInclude.STEP_DETAILS_TOOL_CALLS_FILE_SEARCH_RESULTS_CONTENT)
                        .build());

        // then
        assertThat(names(events).getLast()).isEqualTo("thread.run.completed");
        FileSearchToolCallDelta delta = toolCallDeltas(events).getFirst().asFileSearch();
        assertThat(delta.index()).isZero();
        assertThat(delta.id()).hasValueSatisfying(id -> assertThat(id).startsWith("call_"));
        assertThat(delta._fileSearch()).isEqualTo(JsonValue.from(Map.of()));
        RunStep step =
                first(events, AssistantStreamEvent::threadRunStepCompleted).data();
        FileSearchToolCall call =
                step.stepDetails().asToolCalls().toolCalls().getFirst().asFileSearch();
        assertThat(call.id()).isEqualTo(delta.id().orElseThrow());
        List<FileSearchToolCall.FileSearch.Result> results =
                call.fileSearch().results().orElseThrow();
        assertThat(results)
                .extracting(FileSearchToolCall.FileSearch.Result::fileName)
                .containsExactly("paris.txt", "lyon.md");
        assertThat(results.getFirst().content().orElseThrow().getFirst().text())
                .contains("Paris is the capital of France.");
        assertThat(call.fileSearch().rankingOptions().orElseThrow().scoreThreshold())
                .isZero();
        List<FileCitationDeltaAnnotation> streamed = events.stream()
                .flatMap(event -> event.threadMessageDelta().stream())
                .flatMap(event -> event.data().delta().content().orElseThrow().stream())
                .flatMap(content -> content.asText().text().orElseThrow().annotations().orElse(List.of()).stream())
                .map(AnnotationDelta::asFileCitation)
                .toList();
        assertThat(streamed).hasSize(1);
        FileCitationDeltaAnnotation citation = streamed.getFirst();
        int start = ANSWER.indexOf(MARKER);
        assertThat(citation.index()).isZero();
        assertThat(citation.text()).contains(MARKER);
        assertThat(citation.startIndex()).contains((long) start);
        assertThat(citation.endIndex()).contains((long) start + MARKER.length());
        assertThat(citation.fileCitation().orElseThrow().fileId()).contains("file-paris");
        Message completed =
                first(events, AssistantStreamEvent::threadMessageCompleted).data();
        FileCitationAnnotation stored = completed
                .content()
                .getFirst()
                .asText()
                .text()
                .annotations()
                .getFirst()
                .asFileCitation();
        assertThat(completed.content().getFirst().asText().text().value()).isEqualTo(ANSWER);
        assertThat(stored.text()).isEqualTo(MARKER);
        assertThat(stored.startIndex()).isEqualTo(start);
        assertThat(stored.endIndex()).isEqualTo(start + MARKER.length());
        assertThat(stored.fileCitation().fileId()).isEqualTo("file-paris");
        assertThat(messages(server.client(), threadId)
                        .getLast()
                        .content()
                        .getFirst()
                        .asText()
                        .text()
                        .annotations())
                .hasSize(1);
    }

    @Test
    void steps_list_returns_the_result_content_only_with_the_include_param() {
        // given
        String runId =
                runToCompletion(server.client(), threadId, runOf(assistantId)).id();

        // when
        List<RunStep> plain = steps(runId, false);
        List<RunStep> included = steps(runId, true);

        // then
        assertThat(plain)
                .extracting(RunStep::type)
                .containsExactly(RunStep.Type.TOOL_CALLS, RunStep.Type.MESSAGE_CREATION);
        assertThat(result(plain).content()).isEmpty();
        assertThat(result(plain).score()).isEqualTo(0.9);
        assertThat(result(included).content().orElseThrow().getFirst().text())
                .contains("Paris is the capital of France.");
    }

    private List<RunStep> steps(String runId, boolean content) {
        StepListParams.Builder params =
                StepListParams.builder().threadId(threadId).order(StepListParams.Order.ASC);
        if (content) {
            params.addInclude(RunStepInclude.STEP_DETAILS_TOOL_CALLS_FILE_SEARCH_RESULTS_CONTENT);
        }
        return server.client()
                .beta()
                .threads()
                .runs()
                .steps()
                .list(runId, params.build())
                .response()
                .validate()
                .data();
    }

    private static FileSearchToolCall.FileSearch.Result result(List<RunStep> steps) {
        return steps.getFirst()
                .stepDetails()
                .asToolCalls()
                .toolCalls()
                .getFirst()
                .asFileSearch()
                .fileSearch()
                .results()
                .orElseThrow()
                .getFirst();
    }
}
