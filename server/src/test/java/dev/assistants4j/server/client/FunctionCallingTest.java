package dev.assistants4j.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.client.AssistantEventHandler;
import dev.assistants4j.client.Assistants4j;
import dev.assistants4j.client.Functions;
import dev.assistants4j.client.model.Message;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.model.RunStep;
import dev.assistants4j.client.model.StepDetails;
import dev.assistants4j.client.model.Text;
import dev.assistants4j.client.model.TextDelta;
import dev.assistants4j.client.model.ToolCall;
import dev.assistants4j.client.params.RunParams;
import dev.assistants4j.server.client.SdkTransport.Sdk;
import dev.assistants4j.testkit.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The function-calling helper end to end, over HTTP and in-process: the model calls two registered Java functions in
 * parallel, {@code runThread} answers both and the run completes, the model's next request carrying both outputs; a
 * call of an unknown function is answered with an error output and the run still completes.
 */
class FunctionCallingTest {

    private static final String CITY_SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";

    @TempDir
    Path dataDir;

    private static Functions functions() {
        return new Functions()
                .register(
                        "get_weather",
                        "The weather in a city",
                        CITY_SCHEMA,
                        args -> Map.of("city", args.get("city").asText(), "celsius", 21))
                .register(
                        "get_time",
                        "The local time in a city",
                        CITY_SCHEMA,
                        args -> "12:00 in " + args.get("city").asText());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void run_thread_answers_parallel_calls_and_completes(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            Functions functions = functions();
            String assistantId = SdkFlows.assistantWith(client, functions);
            String threadId = SdkFlows.threadAsking(client, "Weather and time in Paris?");
            sdk.upstream()
                    .enqueue(
                            Reply.toolCalls(
                                    dev.assistants4j.testkit.ToolCall.of("get_weather", "{\"city\":\"Paris\"}"),
                                    dev.assistants4j.testkit.ToolCall.of("get_time", "{\"city\":\"Paris\"}")),
                            Reply.text("21C and noon in Paris."));

            Run run = client.runThread(threadId, RunParams.of(assistantId), functions);

            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(client.getMessages(threadId).data().getFirst().text()).isEqualTo("21C and noon in Paris.");
            List<String> outputs = toolOutputs(sdk);
            assertThat(outputs).hasSize(2);
            assertThat(SdkFlows.parse(outputs.get(0))).isEqualTo(SdkFlows.parse("{\"city\":\"Paris\",\"celsius\":21}"));
            assertThat(outputs.get(1)).isEqualTo("12:00 in Paris");
            List<ToolCall> answered = client.listRunSteps(threadId, run.id()).data().stream()
                    .map(RunStep::stepDetails)
                    .filter(StepDetails.ToolCalls.class::isInstance)
                    .flatMap(details -> ((StepDetails.ToolCalls) details).toolCalls().stream())
                    .toList();
            assertThat(answered)
                    .extracting(call -> ((ToolCall.FunctionToolCall) call).name())
                    .containsExactly("get_weather", "get_time");
            assertThat(answered)
                    .extracting(call -> ((ToolCall.FunctionToolCall) call).output())
                    .doesNotContainNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void streamed_run_shows_each_parallel_call_then_answers_them(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            Functions functions = functions();
            String assistantId = SdkFlows.assistantWith(client, functions);
            String threadId = SdkFlows.threadAsking(client, "Weather in Rome and time in Oslo?");
            sdk.upstream()
                    .enqueue(
                            Reply.toolCalls(
                                    dev.assistants4j.testkit.ToolCall.of("get_weather", "{\"city\":\"Rome\"}"),
                                    dev.assistants4j.testkit.ToolCall.of("get_time", "{\"city\":\"Oslo\"}")),
                            Reply.text("25C in Rome, ", "noon in Oslo."));
            List<String> calls = new ArrayList<>();
            StringBuilder text = new StringBuilder();

            Run run = client.runThreadStreamAsync(
                            threadId, RunParams.of(assistantId), functions, new AssistantEventHandler() {
                                @Override
                                public void onToolCallCreated(ToolCall toolCall) {
                                    calls.add("created " + ((ToolCall.FunctionToolCall) toolCall).name());
                                }

                                @Override
                                public void onToolCallDone(ToolCall toolCall) {
                                    ToolCall.FunctionToolCall call = (ToolCall.FunctionToolCall) toolCall;
                                    calls.add("done " + call.name() + " " + call.arguments());
                                }

                                @Override
                                public void onRequiresAction(Run waiting) {
                                    calls.add("requires action "
                                            + waiting.toolCallsToAnswer().size());
                                }

                                @Override
                                public void onTextDelta(TextDelta delta, Text snapshot) {
                                    text.append(delta.value());
                                }

                                @Override
                                public void onEnd(Run finalRun) {
                                    calls.add("end " + finalRun.status().wire());
                                }
                            })
                    .join();

            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(text).hasToString("25C in Rome, noon in Oslo.");
            assertThat(calls)
                    .containsExactly(
                            "created get_weather",
                            "done get_weather {\"city\":\"Rome\"}",
                            "created get_time",
                            "done get_time {\"city\":\"Oslo\"}",
                            "requires action 2",
                            "end requires_action",
                            "end completed");
            assertThat(toolOutputs(sdk)).hasSize(2).last().isEqualTo("12:00 in Oslo");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkTransport.class)
    void unknown_function_gets_an_error_output_and_the_run_completes(SdkTransport transport) {
        try (Sdk sdk = transport.start(dataDir)) {
            Assistants4j client = sdk.client();
            Functions functions = functions();
            String assistantId = SdkFlows.assistantWith(client, functions);
            String threadId = SdkFlows.threadAsking(client, "Stock price of ACME?");
            sdk.upstream()
                    .enqueue(
                            Reply.toolCalls(dev.assistants4j.testkit.ToolCall.of("get_stock", "{\"symbol\":\"ACME\"}")),
                            Reply.text("I cannot look that up."));
            List<String> requiresAction = new ArrayList<>();

            Run run =
                    client.runThreadStream(threadId, RunParams.of(assistantId), functions, new AssistantEventHandler() {
                        @Override
                        public void onRequiresAction(Run waiting) {
                            requiresAction.add(
                                    waiting.toolCallsToAnswer().getFirst().name());
                        }
                    });

            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(requiresAction).containsExactly("get_stock");
            assertThat(toolOutputs(sdk)).containsExactly("{\"error\":\"unknown function: get_stock\"}");
            assertThat(client.getMessages(threadId).data())
                    .extracting(Message::text)
                    .first()
                    .isEqualTo("I cannot look that up.");
        }
    }

    /** The tool messages of the model's last request: the outputs the functions gave. */
    private static List<String> toolOutputs(Sdk sdk) {
        JsonNode messages =
                SdkFlows.chatRequests(sdk.upstream()).getLast().body().get("messages");
        return StreamSupport.stream(messages.spliterator(), false)
                .filter(message -> message.path("role").asText().equals("tool"))
                .map(message -> message.path("content").asText())
                .toList();
    }
}
