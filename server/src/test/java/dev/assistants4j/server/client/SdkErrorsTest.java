package dev.assistants4j.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.client.ApiException;
import dev.assistants4j.client.Assistants4j;
import dev.assistants4j.client.BadRequestException;
import dev.assistants4j.client.Functions;
import dev.assistants4j.client.NotFoundException;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.params.AssistantParams;
import dev.assistants4j.client.params.ListParams;
import dev.assistants4j.client.params.RunParams;
import dev.assistants4j.server.client.SdkTransport.Sdk;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Errors through the SDK, over HTTP and in-process: unknown ids, bad input and the thread lock (a message added while
 * a run waits for tool outputs) throw the same exception types with the same status, type, code, param and message.
 */
class SdkErrorsTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void unknown_ids_throw_not_found(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            String threadId = client.createThread().id();

            assertThatThrownBy(() -> client.getAssistant("asst_doesnotexist"))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.type()).isEqualTo("invalid_request_error");
                        assertThat(e.getMessage()).contains("asst_doesnotexist");
                    });
            assertThatThrownBy(
                            () -> client.getThreadAsync("thread_doesnotexist").join())
                    .cause()
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("thread_doesnotexist");
            assertThatThrownBy(() -> client.getRun(threadId, "run_doesnotexist"))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("run_doesnotexist");
            assertThatThrownBy(() -> client.addMessage("thread_doesnotexist", "Hi"))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void bad_input_throws_bad_request_with_its_param(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();

            assertThatThrownBy(() -> client.createAssistant(AssistantParams.builder("gpt-4o-mini")
                            .temperature(7)
                            .build()))
                    .isInstanceOfSatisfying(BadRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.param()).isEqualTo("temperature");
                    });
            assertThatThrownBy(() -> client.getAssistants(ListParams.DEFAULT.limit(0)))
                    .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param())
                            .isEqualTo("limit"));
            assertThatThrownBy(() -> client.createAssistant(
                            AssistantParams.builder().name("no model").build()))
                    .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param())
                            .isEqualTo("model"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void a_run_waiting_for_tool_outputs_locks_the_thread(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            Functions functions =
                    new Functions().register("get_weather", "The weather", "{\"type\":\"object\"}", args -> "sunny");
            String assistantId = client.createAssistant(AssistantParams.builder("gpt-4o-mini")
                            .tools(functions.tools())
                            .build())
                    .id();
            String threadId = client.createThread().id();
            client.addMessage(threadId, "Weather?");
            sdk.upstream().enqueue(Reply.toolCalls(ToolCall.of("get_weather", "{}")), Reply.text("Sunny."));
            Run waiting = client.runThread(threadId, RunParams.of(assistantId));

            assertThat(waiting.status()).isEqualTo(RunStatus.REQUIRES_ACTION);
            assertThatThrownBy(() -> client.addMessage(threadId, "Hurry up"))
                    .isInstanceOfSatisfying(BadRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains(waiting.id(), "is active");
                    });
            assertThatThrownBy(() -> client.runThread(threadId, RunParams.of(assistantId)))
                    .isInstanceOf(BadRequestException.class)
                    .hasMessageContaining("already has an active run");
            Run done = client.submitToolOutputsAndPoll(
                    threadId, waiting.id(), functions.call(waiting.toolCallsToAnswer()));
            assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(client.addMessage(threadId, "Thanks").text()).isEqualTo("Thanks");
        }
    }

    @Test
    void both_transports_throw_alike(@TempDir Path httpDir, @TempDir Path inProcessDir) {
        Map<SdkTransport, List<String>> errors = new EnumMap<>(SdkTransport.class);
        errors.put(SdkTransport.HTTP, errors(SdkTransport.HTTP, httpDir));
        errors.put(SdkTransport.IN_PROCESS, errors(SdkTransport.IN_PROCESS, inProcessDir));

        assertThat(errors.get(SdkTransport.HTTP)).hasSize(6).doesNotContain("no error");
        assertThat(errors.get(SdkTransport.IN_PROCESS)).containsExactlyElementsOf(errors.get(SdkTransport.HTTP));
    }

    /** Each error of a walk, described with the ids the walk created replaced by their kind. */
    private static List<String> errors(SdkTransport transport, Path dataDir) {
        List<String> errors = new ArrayList<>();
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            String threadId = client.createThread().id();
            String assistantId = client.createAssistant(AssistantParams.builder("gpt-4o-mini")
                            .tools(new Functions()
                                    .register("f", "f", "{\"type\":\"object\"}", args -> "x")
                                    .tools())
                            .build())
                    .id();
            sdk.upstream().enqueue(Reply.toolCalls(ToolCall.of("f", "{}")));
            String runId = client.runThread(threadId, RunParams.of(assistantId)).id();
            Map<String, String> ids = Map.of(threadId, "<thread>", assistantId, "<assistant>", runId, "<run>");
            List<Supplier<?>> calls = List.of(
                    () -> client.getAssistant("asst_doesnotexist"),
                    () -> client.getRun(threadId, "run_doesnotexist"),
                    () -> client.createAssistant(AssistantParams.builder("gpt-4o-mini")
                            .temperature(7)
                            .build()),
                    () -> client.getMessages(threadId, ListParams.DEFAULT.limit(0)),
                    () -> client.addMessage(threadId, "locked?"),
                    () -> client.runThread(threadId, RunParams.of(assistantId)));
            for (Supplier<?> call : calls) {
                errors.add(describe(call, ids));
            }
        }
        return errors;
    }

    private static String describe(Supplier<?> call, Map<String, String> ids) {
        try {
            call.get();
            return "no error";
        } catch (ApiException e) {
            String described = e.getClass().getSimpleName() + " " + e.status() + " type=" + e.type() + " code="
                    + e.code() + " param=" + e.param() + " " + e.getMessage();
            for (Map.Entry<String, String> id : ids.entrySet()) {
                described = described.replace(id.getKey(), id.getValue());
            }
            return described;
        }
    }
}
