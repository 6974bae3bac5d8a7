package dev.assistants4j.server.engine;

import static com.openai.core.ObjectMappers.jsonMapper;
import static dev.assistants4j.server.OpenAiJava.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.beta.assistants.AssistantCreateParams;
import com.openai.models.beta.assistants.AssistantStreamEvent;
import com.openai.models.beta.assistants.FileSearchTool;
import com.openai.models.beta.threads.ThreadCreateAndRunParams;
import com.openai.models.beta.threads.ThreadCreateParams;
import com.openai.models.beta.threads.messages.Message;
import com.openai.models.beta.threads.messages.MessageCreateParams;
import com.openai.models.beta.threads.runs.Run;
import com.openai.models.beta.threads.runs.RunCreateParams;
import com.openai.models.beta.threads.runs.RunRetrieveParams;
import com.openai.models.beta.threads.runs.RunStatus;
import com.openai.models.beta.threads.runs.steps.RunStep;
import com.openai.models.beta.threads.runs.steps.StepListPage;
import com.openai.models.beta.threads.runs.steps.StepListParams;
import com.openai.models.beta.threads.runs.steps.StepRetrieveParams;
import com.openai.models.beta.threads.runs.steps.ToolCallDelta;
import dev.assistants4j.server.OpenAiJava;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Poll;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs driven end to end with the official openai-java SDK against a server whose model is a {@link FakeUpstream}:
 * polling, streaming, create-and-run and a multi-turn chat. Every object the SDK reads is validated, so a wire shape it
 * cannot read fails the test. The static helpers are shared with the other {@code OpenAiJavaRuns*Test} classes.
 */
@SuppressWarnings("deprecation") // OpenAI marks the Assistants API deprecated in the SDK; it is what we serve.
class OpenAiJavaRunsTest {

    static final Duration DEADLINE = Duration.ofSeconds(10);

    private static final Set<RunStatus> PENDING = Set.of(RunStatus.QUEUED, RunStatus.IN_PROGRESS, RunStatus.CANCELLING);

    @RegisterExtension
    final ServerExtension server = extension();

    /** The server and its fake upstream; a subclass routes the model elsewhere (another wire protocol). */
    ServerExtension extension() {
        return ServerExtension.withFakeUpstream();
    }

    @Test
    void polled_run_completes_with_usage_and_timestamps() {
        // given
        server.upstream().enqueue(Reply.text("The answer", " is 42.").usage(11, 5));
        String assistantId = createAssistant(server.client(), "Be brief.");
        String threadId = createThread(server.client(), "What is the answer?");
        long before = Instant.now().getEpochSecond();

        // when
        Run created = server.client()
                .beta()
                .threads()
                .runs()
                .create(threadId, runOf(assistantId))
                .validate();
        Run run = awaitRun(server.client(), threadId, created.id(), DEADLINE);

        // then
        assertThat(created.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.id()).isEqualTo(created.id()).startsWith("run_");
        assertThat(run.threadId()).isEqualTo(threadId);
        assertThat(run.assistantId()).isEqualTo(assistantId);
        Run.Usage usage = run.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(11);
        assertThat(usage.completionTokens()).isEqualTo(5);
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
        long now = Instant.now().getEpochSecond();
        assertThat(run.startedAt()).hasValueSatisfying(at -> assertThat(at).isBetween(before - 1, now + 1));
        assertThat(run.completedAt()).hasValueSatisfying(at -> assertThat(at)
                .isBetween(run.startedAt().orElseThrow(), now + 1));
        assertThat(run._expiresAt().isNull())
                .as("expires_at is null once terminal")
                .isTrue();
        assertThat(run._lastError().isNull()).as("last_error is null").isTrue();
    }

    @Test
    void polled_run_leaves_the_answer_and_one_completed_message_step() {
        // given
        server.upstream().enqueue(Reply.text("The answer", " is 42."));
        String assistantId = createAssistant(server.client(), "Be brief.");
        String threadId = createThread(server.client(), "What is the answer?");

        // when
        Run run = runToCompletion(server.client(), threadId, runOf(assistantId));

        // then
        List<Message> messages = messages(server.client(), threadId);
        assertThat(messages)
                .extracting(OpenAiJavaRunsTest::text)
                .containsExactly("What is the answer?", "The answer is 42.");
        Message answer = messages.getLast();
        assertThat(answer.role()).isEqualTo(Message.Role.ASSISTANT);
        assertThat(answer.status()).isEqualTo(Message.Status.COMPLETED);
        assertThat(answer.runId()).contains(run.id());
        assertThat(answer.assistantId()).contains(assistantId);
        List<RunStep> steps = steps(server.client(), threadId, run.id());
        assertThat(steps).hasSize(1);
        RunStep step = steps.getFirst();
        assertThat(step.type()).isEqualTo(RunStep.Type.MESSAGE_CREATION);
        assertThat(step.status()).isEqualTo(RunStep.Status.COMPLETED);
        assertThat(step.runId()).isEqualTo(run.id());
        assertThat(step.stepDetails().asMessageCreation().messageCreation().messageId())
                .isEqualTo(answer.id());
        assertThat(step.completedAt()).isPresent();
        assertThat(step.usage()).as("usage of the completed step").isPresent();
        assertThat(retrieveStep(server.client(), threadId, run.id(), step.id())).isEqualTo(step);
    }

    @Test
    void streamed_run_emits_every_event_of_a_text_answer_in_order() {
        // when
        List<AssistantStreamEvent> events = streamedGreeting();

        // then
        assertThat(names(events)).containsExactlyElementsOf(textAnswerEvents(3));
        assertThat(streamedText(events)).isEqualTo("Hello there");
        Run completed = events.getLast().asThreadRunCompleted().data();
        assertThat(completed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(completed.usage()).isPresent();
    }

    @Test
    void streamed_events_carry_one_run_one_step_and_one_message() {
        // when
        List<AssistantStreamEvent> events = streamedGreeting();

        // then
        String runId = events.getFirst().asThreadRunCreated().data().id();
        assertThat(runIds(events)).containsOnly(runId);
        assertThat(events.get(0).asThreadRunCreated().data().status()).isEqualTo(RunStatus.QUEUED);
        assertThat(events.get(1).asThreadRunQueued().data().status()).isEqualTo(RunStatus.QUEUED);
        assertThat(events.get(2).asThreadRunInProgress().data().status()).isEqualTo(RunStatus.IN_PROGRESS);
        Message created =
                first(events, AssistantStreamEvent::threadMessageCreated).data();
        assertThat(created.content()).as("message.created content").isEmpty();
        assertThat(created.status()).isEqualTo(Message.Status.IN_PROGRESS);
        assertThat(created.runId()).contains(runId);
        Message done =
                first(events, AssistantStreamEvent::threadMessageCompleted).data();
        assertThat(done.id()).isEqualTo(created.id());
        assertThat(text(done)).isEqualTo("Hello there");
        assertThat(events.stream().flatMap(e -> e.threadMessageDelta().stream()))
                .allSatisfy(delta -> assertThat(delta.data().id()).isEqualTo(created.id()));
        RunStep step =
                first(events, AssistantStreamEvent::threadRunStepCompleted).data();
        assertThat(step.stepDetails().asMessageCreation().messageCreation().messageId())
                .isEqualTo(created.id());
        assertThat(first(events, AssistantStreamEvent::threadRunStepCreated)
                        .data()
                        .id())
                .isEqualTo(step.id());
    }

    @Test
    void create_and_run_streaming_starts_with_thread_created_and_fills_the_new_thread() {
        // given
        server.upstream().enqueue(Reply.text("Bon", "jour!"));
        String assistantId = createAssistant(server.client(), "Answer in French.");
        ThreadCreateAndRunParams params = ThreadCreateAndRunParams.builder()
                .assistantId(assistantId)
                .thread(ThreadCreateAndRunParams.Thread.builder()
                        .addMessage(ThreadCreateAndRunParams.Thread.Message.builder()
                                .role(ThreadCreateAndRunParams.Thread.Message.Role.USER)
                                .content("Say hello")
                                .build())
                        .build())
                .build();

        // when
        List<AssistantStreamEvent> events =
                collect(server.client().beta().threads().createAndRunStreaming(params));

        // then
        List<String> expected = new ArrayList<>(List.of("thread.created"));
        expected.addAll(textAnswerEvents(2));
        assertThat(names(events)).containsExactlyElementsOf(expected);
        String threadId = events.getFirst().asThreadCreated().data().id();
        assertThat(threadId).startsWith("thread_");
        Run completed = events.getLast().asThreadRunCompleted().data();
        assertThat(completed.threadId()).isEqualTo(threadId);
        assertThat(completed.status()).isEqualTo(RunStatus.COMPLETED);
        List<Message> messages = messages(server.client(), threadId);
        assertThat(messages).extracting(Message::role).containsExactly(Message.Role.USER, Message.Role.ASSISTANT);
        assertThat(messages).extracting(OpenAiJavaRunsTest::text).containsExactly("Say hello", "Bonjour!");
        assertThat(messages.getLast().runId()).contains(completed.id());
    }

    /** Streams a run of a new assistant on a thread asking "Greet me", answered in three deltas. */
    private List<AssistantStreamEvent> streamedGreeting() {
        server.upstream().enqueue(Reply.text("Hel", "lo", " there"));
        String assistantId = createAssistant(server.client(), "Be brief.");
        String threadId = createThread(server.client(), "Greet me");
        return stream(server.client(), threadId, runOf(assistantId));
    }

    // ---- shared helpers (used by the other OpenAiJavaRuns*Test classes) ----

    static String createAssistant(OpenAIClient client, String instructions, FunctionDefinition... functions) {
        AssistantCreateParams.Builder params =
                AssistantCreateParams.builder().model("gpt-4o").instructions(instructions);
        for (FunctionDefinition function : functions) {
            params.addFunctionTool(function);
        }
        return createAssistant(client, params.build());
    }

    static String createAssistant(OpenAIClient client, AssistantCreateParams params) {
        return OpenAiJava.createAssistant(client, params).id();
    }

    /** A gpt-4o assistant with file_search over the vector store {@code vectorStoreId}. */
    static AssistantCreateParams fileSearchAssistant(String instructions, String vectorStoreId) {
        return AssistantCreateParams.builder()
                .model("gpt-4o")
                .instructions(instructions)
                .addTool(FileSearchTool.builder().build())
                .toolResources(AssistantCreateParams.ToolResources.builder()
                        .fileSearch(AssistantCreateParams.ToolResources.FileSearch.builder()
                                .addVectorStoreId(vectorStoreId)
                                .build())
                        .build())
                .build();
    }

    static FunctionDefinition function(String name, String parameter) {
        return FunctionDefinition.builder()
                .name(name)
                .description("Looks up " + parameter)
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty(
                                "properties", JsonValue.from(Map.of(parameter, Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of(parameter)))
                        .build())
                .build();
    }

    /** A new thread holding {@code userTexts} as user messages, in order. */
    static String createThread(OpenAIClient client, String... userTexts) {
        String threadId = client.beta()
                .threads()
                .create(ThreadCreateParams.builder().build())
                .validate()
                .id();
        for (String text : userTexts) {
            addUserMessage(client, threadId, text);
        }
        return threadId;
    }

    static Message addUserMessage(OpenAIClient client, String threadId, String text) {
        return client.beta()
                .threads()
                .messages()
                .create(
                        threadId,
                        MessageCreateParams.builder()
                                .role(MessageCreateParams.Role.USER)
                                .content(text)
                                .build())
                .validate();
    }

    static RunCreateParams runOf(String assistantId) {
        return RunCreateParams.builder().assistantId(assistantId).build();
    }

    /** Creates a run without streaming and polls it until it is no longer pending. */
    static Run runToCompletion(OpenAIClient client, String threadId, RunCreateParams params) {
        return runToCompletion(client, threadId, params, DEADLINE);
    }

    /** As {@link #runToCompletion(OpenAIClient, String, RunCreateParams)}, polling for up to {@code timeout}. */
    static Run runToCompletion(OpenAIClient client, String threadId, RunCreateParams params, Duration timeout) {
        Run created = client.beta().threads().runs().create(threadId, params).validate();
        return awaitRun(client, threadId, created.id(), timeout);
    }

    /** Polls the run until it leaves queued/in_progress/cancelling or {@code timeout} passes; returns the last read. */
    static Run awaitRun(OpenAIClient client, String threadId, String runId, Duration timeout) {
        return Poll.until(timeout, () -> retrieveRun(client, threadId, runId), run -> !PENDING.contains(run.status()));
    }

    /** Creates a streamed run and reads all its events. */
    static List<AssistantStreamEvent> stream(OpenAIClient client, String threadId, RunCreateParams params) {
        return collect(client.beta().threads().runs().createStreaming(threadId, params));
    }

    static Run retrieveRun(OpenAIClient client, String threadId, String runId) {
        return client.beta()
                .threads()
                .runs()
                .retrieve(runId, RunRetrieveParams.builder().threadId(threadId).build())
                .validate();
    }

    static List<RunStep> steps(OpenAIClient client, String threadId, String runId) {
        StepListPage page = client.beta()
                .threads()
                .runs()
                .steps()
                .list(runId, StepListParams.builder().threadId(threadId).build());
        return page.response().validate().data();
    }

    static RunStep retrieveStep(OpenAIClient client, String threadId, String runId, String stepId) {
        return client.beta()
                .threads()
                .runs()
                .steps()
                .retrieve(
                        stepId,
                        StepRetrieveParams.builder()
                                .threadId(threadId)
                                .runId(runId)
                                .build())
                .validate();
    }

    /** Reads the whole stream, validating every event, and closes it. */
    static List<AssistantStreamEvent> collect(StreamResponse<AssistantStreamEvent> response) {
        try (response) {
            return response.stream().map(AssistantStreamEvent::validate).toList();
        }
    }

    /** The {@code event:} name each event was parsed from. */
    static List<String> names(List<AssistantStreamEvent> events) {
        return events.stream()
                .map(event -> jsonMapper().valueToTree(event).get("event").asText())
                .toList();
    }

    /** The events of a streamed text answer made of {@code deltas} upstream deltas. */
    static List<String> textAnswerEvents(int deltas) {
        List<String> names = new ArrayList<>(List.of(
                "thread.run.created",
                "thread.run.queued",
                "thread.run.in_progress",
                "thread.run.step.created",
                "thread.run.step.in_progress",
                "thread.message.created",
                "thread.message.in_progress"));
        names.addAll(Collections.nCopies(deltas, "thread.message.delta"));
        names.addAll(List.of("thread.message.completed", "thread.run.step.completed", "thread.run.completed"));
        return names;
    }

    /** The first event of one kind, e.g. {@code first(events, AssistantStreamEvent::threadMessageCreated)}. */
    static <T> T first(List<AssistantStreamEvent> events, Function<AssistantStreamEvent, Optional<T>> kind) {
        return events.stream()
                .flatMap(event -> kind.apply(event).stream())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no such event in " + names(events)));
    }

    /** The tool calls of every step delta, in order. */
    static List<ToolCallDelta> toolCallDeltas(List<AssistantStreamEvent> events) {
        return events.stream()
                .flatMap(event -> event.threadRunStepDelta().stream())
                .flatMap(event ->
                        event
                                .data()
                                .delta()
                                .stepDetails()
                                .orElseThrow()
                                .asToolCalls()
                                .toolCalls()
                                .orElseThrow()
                                .stream())
                .toList();
    }

    /** The concatenated text of every message delta. */
    static String streamedText(List<AssistantStreamEvent> events) {
        return events.stream()
                .flatMap(event -> event.threadMessageDelta().stream())
                .flatMap(delta -> delta.data().delta().content().orElseThrow().stream())
                .map(content -> content.asText().text().orElseThrow().value().orElseThrow())
                .collect(Collectors.joining());
    }

    /** The ids of the runs carried by the run events. */
    static Set<String> runIds(List<AssistantStreamEvent> events) {
        Set<String> ids = new HashSet<>();
        for (AssistantStreamEvent event : events) {
            JsonNode json = jsonMapper().valueToTree(event);
            String name = json.get("event").asText();
            if (name.startsWith("thread.run.") && !name.startsWith("thread.run.step.")) {
                ids.add(json.get("data").get("id").asText());
            }
        }
        return ids;
    }

    static String text(Message message) {
        assertThat(message.content()).hasSize(1);
        return message.content().getFirst().asText().text().value();
    }

    /** The chat-completions requests the upstream received, in order. */
    static List<RecordedRequest> chatRequests(FakeUpstream upstream) {
        return upstream.requests().stream()
                .filter(request -> request.path().endsWith("/chat/completions"))
                .toList();
    }

    /** Each prompt message of an upstream request as {@code role: content}. */
    static List<String> roleAndContent(RecordedRequest request) {
        return StreamSupport.stream(request.body().get("messages").spliterator(), false)
                .map(message -> message.get("role").asText() + ": " + content(message.get("content")))
                .toList();
    }

    private static String content(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        return StreamSupport.stream(content.spliterator(), false)
                .map(part -> part.path("text").asText())
                .collect(Collectors.joining());
    }
}
