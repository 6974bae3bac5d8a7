package dev.assistants4j.server.engine;

import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.addUserMessage;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.chatRequests;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.collect;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.createThread;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.first;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.messages;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.models.beta.assistants.AssistantCreateParams;
import com.openai.models.beta.assistants.AssistantStreamEvent;
import com.openai.models.beta.assistants.FileSearchTool;
import com.openai.models.beta.threads.messages.FileCitationAnnotation;
import com.openai.models.beta.threads.messages.Message;
import com.openai.models.beta.threads.messages.Text;
import com.openai.models.beta.threads.runs.Run;
import com.openai.models.beta.threads.runs.RunCreateParams;
import com.openai.models.beta.threads.runs.RunStatus;
import com.openai.models.beta.threads.runs.steps.FileSearchToolCall;
import com.openai.models.beta.threads.runs.steps.RunStep;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import com.openai.models.vectorstores.VectorStoreCreateParams;
import com.openai.models.vectorstores.files.FileRetrieveParams;
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
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
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

    static FakeUpstream upstream;
    static OpenAIClient client;
    static String reactorId;
    static String assistantId;

    @BeforeAll
    static void start() throws IOException {
        upstream = server.upstream();
        client = server.client();
        reactorId = upload("reactor.md", REACTOR);
        String bakeryId = upload("bakery.md", BAKERY);
        String storeId = client.vectorStores()
                .create(VectorStoreCreateParams.builder()
                        .name("plant handbook")
                        .addFileId(reactorId)
                        .addFileId(bakeryId)
                        .build())
                .validate()
                .id();
        assertThat(awaitFile(storeId, reactorId).status()).isEqualTo(VectorStoreFile.Status.COMPLETED);
        assertThat(awaitFile(storeId, bakeryId).status()).isEqualTo(VectorStoreFile.Status.COMPLETED);
        assistantId = client.beta()
                .assistants()
                .create(AssistantCreateParams.builder()
                        .model("gpt-4o")
                        .instructions("Answer from the files and cite them.")
                        .addTool(FileSearchTool.builder().build())
                        .toolResources(AssistantCreateParams.ToolResources.builder()
                                .fileSearch(AssistantCreateParams.ToolResources.FileSearch.builder()
                                        .addVectorStoreId(storeId)
                                        .build())
                                .build())
                        .build())
                .validate()
                .id();
    }

    @Test
    void a_polled_run_searches_the_real_index_and_its_answer_cites_the_file_found() {
        // given
        String threadId = threadAsking("How hot is the Zorblax reactor?");
        int before = chatRequests(upstream).size();
        upstream.enqueue(
                Reply.toolCalls(ToolCall.of("file_search", "{\"queries\":[\"Zorblax reactor temperature\"]}")),
                Reply.text("It runs at 451 kelvin 【0", ":0†reactor.md】", "."));

        // when
        Run created = client.beta()
                .threads()
                .runs()
                .create(
                        threadId,
                        RunCreateParams.builder().assistantId(assistantId).build())
                .validate();
        Run run = awaitRun(threadId, created.id());

        // then
        assertThat(run.status()).as("run %s", run.lastError()).isEqualTo(RunStatus.COMPLETED);
        Message answer = messages(client, threadId).getLast();
        assertCitation(answer.content().getFirst().asText().text());
        FileSearchToolCall call = OpenAiJavaRunsTest.steps(client, threadId, run.id()).stream()
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
        List<RecordedRequest> requests = chatRequests(upstream);
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
        upstream.enqueue(
                Reply.toolCalls(ToolCall.of("file_search", "{\"queries\":[\"how hot is the fusion core\"]}")),
                Reply.text(ANSWER));

        // when
        List<AssistantStreamEvent> events = collect(client.beta()
                .threads()
                .runs()
                .createStreaming(
                        threadId,
                        RunCreateParams.builder().assistantId(assistantId).build()));

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
        assertCitation(messages(client, threadId)
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
        String threadId = createThread(client);
        addUserMessage(client, threadId, question);
        return threadId;
    }

    /** Uploads through the Files API from a file named {@code name}, so the stored filename is that name. */
    private static String upload(String name, String content) throws IOException {
        Path local = Files.writeString(server.dir().resolve(name), content, StandardCharsets.UTF_8);
        return client.files()
                .create(FileCreateParams.builder()
                        .file(local)
                        .purpose(FilePurpose.ASSISTANTS)
                        .build())
                .validate()
                .id();
    }

    /** Polls the vector store file until it leaves in_progress, failing at the deadline (Java has no poll helper). */
    private static VectorStoreFile awaitFile(String vectorStoreId, String fileId) {
        FileRetrieveParams params = FileRetrieveParams.builder()
                .vectorStoreId(vectorStoreId)
                .fileId(fileId)
                .build();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        VectorStoreFile file = client.vectorStores().files().retrieve(params).validate();
        // the SDK's enum-like values are compared with equals: each response parses new instances
        while (file.status().equals(VectorStoreFile.Status.IN_PROGRESS) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            file = client.vectorStores().files().retrieve(params).validate();
        }
        assertThat(file.status()).as("status of %s", fileId).isNotEqualTo(VectorStoreFile.Status.IN_PROGRESS);
        return file;
    }

    /** Polls the run until it is no longer queued or in progress, failing at the deadline. */
    private static Run awaitRun(String threadId, String runId) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Run run = OpenAiJavaRunsTest.retrieveRun(client, threadId, runId);
        while (Set.of(RunStatus.QUEUED, RunStatus.IN_PROGRESS).contains(run.status()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            run = OpenAiJavaRunsTest.retrieveRun(client, threadId, runId);
        }
        return run;
    }
}
