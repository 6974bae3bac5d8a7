package dev.assistants4j.server.engine;

import static dev.assistants4j.server.OpenAiJava.awaitFile;
import static dev.assistants4j.server.OpenAiJava.messages;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.chatRequests;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.createAssistant;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.createThread;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.fileSearchAssistant;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.first;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.names;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.runOf;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.runToCompletion;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.beta.assistants.AssistantStreamEvent;
import com.openai.models.beta.threads.messages.FileCitationAnnotation;
import com.openai.models.beta.threads.messages.Message;
import com.openai.models.beta.threads.messages.Text;
import com.openai.models.beta.threads.runs.Run;
import com.openai.models.beta.threads.runs.RunStatus;
import com.openai.models.beta.threads.runs.steps.FileSearchToolCall;
import com.openai.models.beta.threads.runs.steps.RunStep;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import com.openai.models.vectorstores.VectorStoreCreateParams;
import com.openai.models.vectorstores.files.VectorStoreFile;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * file_search end to end through the official openai-java SDK on the server's real retrieval (Tika, token chunks, the
 * local embedding model, the Lucene index): upload with the Files API, a vector store of those files polled to
 * completion, an assistant with file_search, and a run whose model searches and cites the file it found, read back
 * as a {@link FileCitationAnnotation}. The model is a {@link FakeUpstream}; the search and its results are real.
 */
@SuppressWarnings("deprecation") // OpenAI marks the Assistants API deprecated in the SDK; it is what we serve.
class OpenAiJavaFileSearchTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String MARKER = "【0:0†reactor.md】";
    private static final String ANSWER = "It runs at 451 kelvin " + MARKER + ".";
    private static final String REACTOR = """
            # The Zorblax reactor

            The Zorblax fusion reactor in hall 7 runs at a core temperature of 451 kelvin during normal operation.

            Its coolant is liquid helium, replaced every ninety days by the maintenance crew.
            """;
    private static final String BAKERY = """
            # Sourdough at the corner bakery

            The corner bakery proves its sourdough for eighteen hours before baking it in a stone oven at dawn.
            """;

    @RegisterExtension
    static final ServerExtension server =
            ServerExtension.withFakeUpstream().serverFileSearch().perClass();

    static String reactorId;
    static String assistantId;

    @BeforeAll
    static void start() throws IOException {
        reactorId = upload("reactor.md", REACTOR);
        String bakeryId = upload("bakery.md", BAKERY);
        String storeId = server.client()
                .vectorStores()
                .create(VectorStoreCreateParams.builder()
                        .name("plant handbook")
                        .addFileId(reactorId)
                        .addFileId(bakeryId)
                        .build())
                .validate()
                .id();
        assertThat(awaitFile(server.client(), storeId, reactorId, DEADLINE).status())
                .isEqualTo(VectorStoreFile.Status.COMPLETED);
        assertThat(awaitFile(server.client(), storeId, bakeryId, DEADLINE).status())
                .isEqualTo(VectorStoreFile.Status.COMPLETED);
        assistantId =
                createAssistant(server.client(), fileSearchAssistant("Answer from the files and cite them.", storeId));
    }

    @Test
    void a_polled_run_searches_the_real_index_and_its_answer_cites_the_file_found() {
        // given
        String threadId = threadAsking("How hot is the Zorblax reactor?");
        int before = chatRequests(server.upstream()).size();
        server.upstream()
                .enqueue(
                        Reply.toolCalls(ToolCall.of("file_search", "{\"queries\":[\"Zorblax reactor temperature\"]}")),
                        Reply.text("It runs at 451 kelvin 【0", ":0†reactor.md】", "."));

        // when
        Run run = runToCompletion(server.client(), threadId, runOf(assistantId), DEADLINE);

        // then
        assertThat(run.status()).as("run %s", run.lastError()).isEqualTo(RunStatus.COMPLETED);
        Message answer = messages(server.client(), threadId).getLast();
        assertCitation(answer.content().getFirst().asText().text());
        FileSearchToolCall call = OpenAiJavaRunsTest.steps(server.client(), threadId, run.id()).stream()
                .filter(step -> step.type().equals(RunStep.Type.TOOL_CALLS))
                .findFirst()
                .orElseThrow()
                .stepDetails()
                .asToolCalls()
                .toolCalls()
                .getFirst()
                .asFileSearch();
        FileSearchToolCall.FileSearch.Result best =
                call.fileSearch().results().orElseThrow().getFirst();
        assertThat(best.fileId()).isEqualTo(reactorId);
        assertThat(best.fileName()).isEqualTo("reactor.md");
        assertThat(best.score()).isBetween(0.0, 1.0);
        List<RecordedRequest> requests = chatRequests(server.upstream());
        assertThat(requests).hasSize(before + 2);
        assertThat(requests.getLast().body().toString())
                .as("the tool output the model read")
                .contains("451 kelvin")
                .contains("reactor.md");
    }

    @Test
    void a_streamed_run_completes_its_message_with_the_file_citation() {
        // given
        String threadId = threadAsking("Reactor temperature?");
        server.upstream()
                .enqueue(
                        Reply.toolCalls(ToolCall.of("file_search", "{\"queries\":[\"how hot is the fusion core\"]}")),
                        Reply.text(ANSWER));

        // when
        List<AssistantStreamEvent> events = stream(server.client(), threadId, runOf(assistantId));

        // then
        assertThat(names(events).getLast()).isEqualTo("thread.run.completed");
        RunStep step =
                first(events, AssistantStreamEvent::threadRunStepCompleted).data();
        FileSearchToolCall call =
                step.stepDetails().asToolCalls().toolCalls().getFirst().asFileSearch();
        assertThat(call.fileSearch().results().orElseThrow().getFirst().fileId())
                .isEqualTo(reactorId);
        Message completed =
                first(events, AssistantStreamEvent::threadMessageCompleted).data();
        assertCitation(completed.content().getFirst().asText().text());
        assertCitation(messages(server.client(), threadId)
                .getLast()
                .content()
                .getFirst()
                .asText()
                .text());
    }

    private static void assertCitation(Text text) {
        int start = ANSWER.indexOf(MARKER);
        assertThat(text.value()).isEqualTo(ANSWER);
        assertThat(text.annotations()).hasSize(1);
        FileCitationAnnotation citation = text.annotations().getFirst().asFileCitation();
        assertThat(citation.fileCitation().fileId()).isEqualTo(reactorId);
        assertThat(citation.text()).isEqualTo(MARKER);
        assertThat(citation.startIndex()).isEqualTo(start);
        assertThat(citation.endIndex()).isEqualTo(start + MARKER.length());
    }

    private static String threadAsking(String question) {
        return createThread(server.client(), question);
    }

    /** Uploads through the Files API from a file named {@code name}, so the stored filename is that name. */
    private static String upload(String name, String content) throws IOException {
        Path local = Files.writeString(server.dir().resolve(name), content, StandardCharsets.UTF_8);
        return server.client()
                .files()
                .create(FileCreateParams.builder()
                        .file(local)
                        .purpose(FilePurpose.ASSISTANTS)
                        .build())
                .validate()
                .id();
    }
}
