package dev.assistants4j.server.engine;

import static dev.assistants4j.server.OpenAiJava.answerFormat;
import static dev.assistants4j.server.OpenAiJava.messages;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.addUserMessage;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.chatRequests;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.createAssistant;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.createThread;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.function;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.retrieveRun;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.roleAndContent;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.runOf;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.runToCompletion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.models.beta.threads.AssistantToolChoice;
import com.openai.models.beta.threads.AssistantToolChoiceFunction;
import com.openai.models.beta.threads.runs.Run;
import com.openai.models.beta.threads.runs.RunCancelParams;
import com.openai.models.beta.threads.runs.RunCreateParams;
import com.openai.models.beta.threads.runs.RunListPage;
import com.openai.models.beta.threads.runs.RunListPageResponse;
import com.openai.models.beta.threads.runs.RunListParams;
import com.openai.models.beta.threads.runs.RunStatus;
import com.openai.models.beta.threads.runs.RunUpdateParams;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Run fields, multi-turn prompts, listing, modifying and cancelling runs through the openai-java SDK, checked both in
 * what the SDK reads back and in what the fake upstream model received.
 */
@SuppressWarnings("deprecation") // OpenAI marks the Assistants API deprecated in the SDK; it is what we serve.
class OpenAiJavaRunsFieldsTest {

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream();

    @Test
    void every_run_field_reads_back_through_the_sdk() {
        // when
        Run run = fullRunToCompletion();

        // then
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.model()).isEqualTo("gpt-4o-mini");
        assertThat(run.instructions()).startsWith("Override instructions.").endsWith("Answer in JSON.");
        assertThat(run.tools()).hasSize(1);
        assertThat(run.tools().getFirst().asFunction().function().name()).isEqualTo("lookup");
        assertThat(run.metadata().orElseThrow()._additionalProperties())
                .containsExactly(entry("purpose", JsonValue.from("roundtrip")));
        assertThat(run.temperature()).contains(0.3);
        assertThat(run.topP()).contains(0.8);
        assertThat(run.maxPromptTokens()).contains(4000L);
        assertThat(run.maxCompletionTokens()).contains(300L);
        Run.TruncationStrategy truncation = run.truncationStrategy().orElseThrow();
        assertThat(truncation.type()).isEqualTo(Run.TruncationStrategy.Type.LAST_MESSAGES);
        assertThat(truncation.lastMessages()).contains(10L);
        AssistantToolChoice choice = run.toolChoice().orElseThrow().asAssistantToolChoice();
        assertThat(choice.type()).isEqualTo(AssistantToolChoice.Type.FUNCTION);
        assertThat(choice.function().orElseThrow().name()).isEqualTo("lookup");
        assertThat(run.parallelToolCalls()).isFalse();
        assertThat(run.responseFormat().orElseThrow().asResponseFormatJsonSchema())
                .isEqualTo(answerFormat());
        assertThat(messages(server.client(), run.threadId()))
                .extracting(OpenAiJavaRunsTest::text)
                .containsExactly("First question", "Extra question", "{\"answer\":\"42\"}");
    }

    @Test
    void every_run_field_reaches_the_upstream_request() {
        // when
        Run run = fullRunToCompletion();

        // then
        JsonNode body = chatRequests(server.upstream()).getFirst().body();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(roleAndContent(chatRequests(server.upstream()).getFirst()))
                .containsExactly("system: " + run.instructions(), "user: First question", "user: Extra question");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.8);
        assertThat(body.path("max_completion_tokens").asLong()).isEqualTo(300L);
        assertThat(body.has("max_tokens"))
                .as("max_tokens is not sent to provider openai")
                .isFalse();
        assertThat(body.path("tools")).hasSize(1);
        assertThat(body.path("tools").path(0).path("function").path("name").asText())
                .isEqualTo("lookup");
        assertThat(body.path("tool_choice").toString())
                .isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}");
        assertThat(body.path("parallel_tool_calls").isBoolean()).isTrue();
        assertThat(body.path("parallel_tool_calls").asBoolean()).isFalse();
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("answer");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("schema").path("required").toString())
                .isEqualTo("[\"answer\"]");
    }

    @Test
    void chat_loop_sends_the_whole_conversation_upstream() {
        // given
        server.upstream().enqueue(Reply.text("Hi, I am Bot."), Reply.text("Paris."), Reply.text("About 2 million."));
        String assistantId = createAssistant(server.client(), "You are a geography bot.");
        String threadId = createThread(server.client());
        List<String> questions = List.of("Hello", "Capital of France?", "Population?");

        // when
        List<RunStatus> statuses = new ArrayList<>();
        for (String question : questions) {
            addUserMessage(server.client(), threadId, question);
            statuses.add(runToCompletion(server.client(), threadId, runOf(assistantId))
                    .status());
        }

        // then
        assertThat(statuses).containsOnly(RunStatus.COMPLETED);
        assertThat(roleAndContent(chatRequests(server.upstream()).get(2)))
                .containsExactly(
                        "system: You are a geography bot.",
                        "user: Hello",
                        "assistant: Hi, I am Bot.",
                        "user: Capital of France?",
                        "assistant: Paris.",
                        "user: Population?");
        assertThat(messages(server.client(), threadId))
                .extracting(OpenAiJavaRunsTest::text)
                .containsExactly(
                        "Hello", "Hi, I am Bot.", "Capital of France?", "Paris.", "Population?", "About 2 million.");
    }

    @Test
    void list_pages_in_both_orders() {
        // given
        String assistantId = createAssistant(server.client(), "Be brief.");
        String threadId = createThread(server.client());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(runToCompletion(server.client(), threadId, runOf(assistantId))
                    .id());
        }

        // when
        RunListPageResponse ascFirst = listRuns(threadId, RunListParams.Order.ASC, null);
        RunListPageResponse ascRest = listRuns(threadId, RunListParams.Order.ASC, ascFirst.lastId());
        RunListPageResponse descFirst = listRuns(threadId, RunListParams.Order.DESC, null);
        RunListPageResponse descRest = listRuns(threadId, RunListParams.Order.DESC, descFirst.lastId());

        // then
        assertThat(ids(ascFirst)).containsExactly(created.get(0), created.get(1));
        assertThat(ascFirst.hasMore()).isTrue();
        assertThat(ascFirst.firstId()).isEqualTo(created.get(0));
        assertThat(ids(ascRest)).containsExactly(created.get(2));
        assertThat(ascRest.hasMore()).isFalse();
        assertThat(ids(descFirst)).containsExactly(created.get(2), created.get(1));
        assertThat(descFirst.hasMore()).isTrue();
        assertThat(ids(descRest)).containsExactly(created.get(0));
        assertThat(descRest.hasMore()).isFalse();
    }

    @Test
    void modify_replaces_the_run_metadata() {
        // given
        String assistantId = createAssistant(server.client(), "Be brief.");
        String threadId = createThread(server.client());
        Run run = runToCompletion(server.client(), threadId, runOf(assistantId));

        // when
        Run modified = server.client()
                .beta()
                .threads()
                .runs()
                .update(
                        run.id(),
                        RunUpdateParams.builder()
                                .threadId(threadId)
                                .metadata(RunUpdateParams.Metadata.builder()
                                        .putAdditionalProperty("reviewed", JsonValue.from("yes"))
                                        .build())
                                .build())
                .validate();

        // then
        assertThat(modified.metadata().orElseThrow()._additionalProperties())
                .containsExactly(entry("reviewed", JsonValue.from("yes")));
        Run retrieved = retrieveRun(server.client(), threadId, run.id());
        assertThat(retrieved).isEqualTo(modified);
        assertThat(retrieved.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void cancel_of_a_completed_run_is_a_bad_request() {
        // given
        String assistantId = createAssistant(server.client(), "Be brief.");
        String threadId = createThread(server.client());
        Run run = runToCompletion(server.client(), threadId, runOf(assistantId));

        // when
        Throwable thrown = catchThrowable(() -> server.client()
                .beta()
                .threads()
                .runs()
                .cancel(run.id(), RunCancelParams.builder().threadId(threadId).build()));

        // then
        assertThat(thrown).isInstanceOf(BadRequestException.class);
        BadRequestException error = (BadRequestException) thrown;
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.type()).contains("invalid_request_error");
        assertThat(error.getMessage()).contains("Cannot cancel run with status 'completed'.");
        assertThat(retrieveRun(server.client(), threadId, run.id()).status()).isEqualTo(RunStatus.COMPLETED);
    }

    /** Runs {@link #fullRun} on a new thread asking "First question", answered with a JSON answer. */
    private Run fullRunToCompletion() {
        server.upstream().enqueue(Reply.text("{\"answer\":\"42\"}"));
        String assistantId = createAssistant(server.client(), "Assistant instructions.");
        String threadId = createThread(server.client(), "First question");
        return runToCompletion(server.client(), threadId, fullRun(assistantId));
    }

    private static RunCreateParams fullRun(String assistantId) {
        return RunCreateParams.builder()
                .assistantId(assistantId)
                .model("gpt-4o-mini")
                .instructions("Override instructions.")
                .additionalInstructions("Answer in JSON.")
                .addAdditionalMessage(RunCreateParams.AdditionalMessage.builder()
                        .role(RunCreateParams.AdditionalMessage.Role.USER)
                        .content("Extra question")
                        .build())
                .addFunctionTool(function("lookup", "key"))
                .metadata(RunCreateParams.Metadata.builder()
                        .putAdditionalProperty("purpose", JsonValue.from("roundtrip"))
                        .build())
                .temperature(0.3)
                .topP(0.8)
                .maxPromptTokens(4000L)
                .maxCompletionTokens(300L)
                .truncationStrategy(RunCreateParams.TruncationStrategy.builder()
                        .type(RunCreateParams.TruncationStrategy.Type.LAST_MESSAGES)
                        .lastMessages(10L)
                        .build())
                .toolChoice(AssistantToolChoice.builder()
                        .type(AssistantToolChoice.Type.FUNCTION)
                        .function(AssistantToolChoiceFunction.builder()
                                .name("lookup")
                                .build())
                        .build())
                .parallelToolCalls(false)
                .responseFormat(answerFormat())
                .build();
    }

    private RunListPageResponse listRuns(String threadId, RunListParams.Order order, String after) {
        RunListPage page = server.client()
                .beta()
                .threads()
                .runs()
                .list(
                        threadId,
                        RunListParams.builder()
                                .order(order)
                                .limit(2)
                                .after(after)
                                .build());
        return page.response().validate();
    }

    private static List<String> ids(RunListPageResponse page) {
        return page.data().stream().map(Run::id).toList();
    }
}
