package dev.assistants4j.server.engine;

import static dev.assistants4j.server.engine.RunHttp.names;
import static dev.assistants4j.server.engine.RunHttp.ok;
import static dev.assistants4j.server.engine.RunHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.code.CodeExecution;
import dev.assistants4j.core.code.CodeInterpreter;
import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.code.SessionKey;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.server.TestServer.Setup;
import dev.assistants4j.server.config.CodeInterpreterConfig;
import dev.assistants4j.server.config.FileSearchConfig;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.server.engine.RunHttp.Event;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The code_interpreter tool inside runs, over raw HTTP with a real bubblewrap sandbox: the engine runs the model's
 * code in the thread's session, streams the code and its outputs as OpenAI did, feeds the result to the next model
 * call, and turns figures and written files into files, image_file parts and file_path annotations.
 */
class CodeInterpreterRunTest {

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static final String SOLVE = "x = (14 - 11) / 3\nprint(f\"x = {x:g}\")";
    private static final String TOOLS = "[{'type':'code_interpreter'}]";

    private final AtomicReference<CodeInterpreter> interpreter = new AtomicReference<>();

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream().codeInterpreter(() -> interpreter.get());

    @BeforeEach
    void start() {
        interpreter.set(SharedSandbox.get());
    }

    @Test
    void the_math_tutor_quickstart_streams_the_code_then_its_logs_and_answers_with_the_result() {
        // given
        server.upstream().enqueue(Reply.toolCalls(codeCall(SOLVE)), Reply.text("The solution is ", "x = 1."));
        String assistantId = ok(server.runHttp()
                        .post(
                                "/assistants",
                                "{'model':'gpt-4o','name':'Math Tutor','instructions':'You are a personal math tutor. Write"
                                        + " and run code to answer math questions.','tools':" + TOOLS + "}"))
                .get("id")
                .asText();
        String threadId =
                server.runHttp().createThread("I need to solve the equation `3x + 11 = 14`. Can you help me?");

        // when
        List<Event> events = stream(threadId, assistantId);

        // then
        List<String> afterLastDelta = new ArrayList<>(List.of("thread.run.step.delta"));
        afterLastDelta.addAll(RunHttp.AFTER_TOOL_CALL_DELTAS);
        assertThat(names(events))
                .startsWith(RunHttp.UNTIL_TOOL_CALL_DELTA.toArray(String[]::new))
                .endsWith(afterLastDelta.toArray(String[]::new));
        List<JsonNode> deltas = events.stream()
                .filter(event -> event.event().equals("thread.run.step.delta"))
                .map(event -> event.data().at("/delta/step_details/tool_calls/0"))
                .toList();
        JsonNode first = deltas.getFirst();
        String callId = first.get("id").asText();
        assertThat(callId).startsWith("call_");
        assertThat(first.get("type").asText()).isEqualTo("code_interpreter");
        assertThat(first.at("/code_interpreter/outputs")).isEmpty();
        StringBuilder input = new StringBuilder();
        deltas.subList(0, deltas.size() - 1).forEach(delta -> {
            assertThat(delta.get("index").asInt()).isZero();
            input.append(delta.at("/code_interpreter/input").asText());
        });
        assertThat(deltas.size()).as("the code arrives in several deltas").isGreaterThan(3);
        assertThat(input.toString()).isEqualTo(SOLVE);
        assertThat(deltas.getLast())
                .isEqualTo(parse("{\"index\":0,\"type\":\"code_interpreter\",\"code_interpreter\":{\"outputs\":"
                        + "[{\"index\":0,\"type\":\"logs\",\"logs\":\"x = 1\\n\"}]}}"));
        JsonNode completed = events.stream()
                .filter(event -> event.event().equals("thread.run.step.completed"))
                .findFirst()
                .orElseThrow()
                .data();
        JsonNode expectedCall = parse("{\"id\":\"" + callId + "\",\"type\":\"code_interpreter\",\"code_interpreter\":"
                + "{\"input\":" + RunHttp.JSON.valueToTree(SOLVE) + ",\"outputs\":[{\"type\":\"logs\",\"logs\":"
                + "\"x = 1\\n\"}]}}");
        assertThat(completed.at("/step_details/tool_calls/0")).isEqualTo(expectedCall);
        String runId = completed.get("run_id").asText();
        assertThat(server.runHttp().steps(threadId, runId).getFirst().at("/step_details/tool_calls/0"))
                .isEqualTo(expectedCall);
        List<RecordedRequest> requests = OpenAiJavaRunsTest.chatRequests(server.upstream());
        assertThat(requests).hasSize(2);
        JsonNode tool = requests.getFirst().body().at("/tools/0/function");
        assertThat(tool.get("name").asText()).isEqualTo("code_interpreter");
        assertThat(tool.at("/parameters/properties/code/type").asText()).isEqualTo("string");
        assertThat(requests.getFirst().body().at("/messages/0/content").asText())
                .startsWith("You are a personal math tutor.")
                .contains("/mnt/data", "no internet");
        JsonNode messages = requests.get(1).body().get("messages");
        assertThat(messages.at("/2/tool_calls/0/id").asText()).isEqualTo(callId);
        assertThat(messages.at("/2/tool_calls/0/function/name").asText()).isEqualTo("code_interpreter");
        assertThat(messages.at("/3/role").asText()).isEqualTo("tool");
        assertThat(messages.at("/3/content").asText()).isEqualTo("x = 1\n");
        assertThat(RunHttp.text(server.runHttp().messages(threadId).getLast())).isEqualTo("The solution is x = 1.");
    }

    @Test
    void a_figure_becomes_an_image_output_and_an_image_file_part_of_the_answer() throws Exception {
        // given
        server.upstream()
                .enqueue(
                        Reply.toolCalls(codeCall("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()")),
                        Reply.text("Here is the plot."));
        String threadId = server.runHttp().createThread("Plot 1, 2, 3.");

        // when
        List<Event> events = stream(threadId, server.runHttp().createAssistant(TOOLS));

        // then
        JsonNode step = completedToolStep(events);
        JsonNode output = step.at("/step_details/tool_calls/0/code_interpreter/outputs/0");
        assertThat(output.get("type").asText()).isEqualTo("image");
        String fileId = output.at("/image/file_id").asText();
        assertThat(fileId).startsWith("file-");
        JsonNode message = server.runHttp().messages(threadId).getLast();
        assertThat(message.get("content"))
                .isEqualTo(parse("[{\"type\":\"image_file\",\"image_file\":{\"file_id\":\"" + fileId + "\"}},"
                        + "{\"type\":\"text\",\"text\":{\"value\":\"Here is the plot.\",\"annotations\":[]}}]"));
        JsonNode imageDelta = events.stream()
                .filter(event -> event.event().equals("thread.message.delta"))
                .findFirst()
                .orElseThrow()
                .data();
        assertThat(imageDelta.at("/delta/content/0"))
                .isEqualTo(
                        parse("{\"index\":0,\"type\":\"image_file\",\"image_file\":{\"file_id\":\"" + fileId + "\"}}"));
        JsonNode file = ok(server.runHttp().get("/files/" + fileId));
        assertThat(file.get("purpose").asText()).isEqualTo("assistants_output");
        assertThat(file.get("filename").asText()).isEqualTo("figure-1.png");
        byte[] png = download(fileId);
        assertThat(Arrays.copyOf(png, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
        assertThat(OpenAiJavaRunsTest.chatRequests(server.upstream())
                        .get(1)
                        .body()
                        .at("/messages/3/content")
                        .asText())
                .contains("1 image was shown to the user");
    }

    @Test
    void a_saved_csv_is_a_file_and_its_sandbox_link_a_file_path_annotation() throws Exception {
        // given
        String link = "sandbox:/mnt/data/out.csv";
        String answer = "Download [the CSV](" + link + ").";
        server.upstream()
                .enqueue(
                        Reply.toolCalls(
                                codeCall(
                                        "import pandas as pd\npd.DataFrame({'a': [1, 2]}).to_csv('/mnt/data/out.csv', index=False)")),
                        Reply.text("Download [the CSV](sandbox:/mnt/", "data/out.csv)."));
        String threadId = server.runHttp().createThread("Make a CSV.");

        // when
        List<Event> events = stream(threadId, server.runHttp().createAssistant(TOOLS));

        // then
        assertThat(completedToolStep(events).at("/step_details/tool_calls/0/code_interpreter/outputs"))
                .isEmpty();
        JsonNode message = server.runHttp().messages(threadId).getLast();
        assertThat(message.at("/content/0/text/value").asText()).isEqualTo(answer);
        JsonNode annotation = message.at("/content/0/text/annotations/0");
        assertThat(annotation.get("type").asText()).isEqualTo("file_path");
        assertThat(annotation.get("text").asText()).isEqualTo(link);
        assertThat(annotation.get("start_index").asInt()).isEqualTo(answer.indexOf(link));
        assertThat(annotation.get("end_index").asInt()).isEqualTo(answer.indexOf(link) + link.length());
        String fileId = annotation.at("/file_path/file_id").asText();
        assertThat(new String(download(fileId), StandardCharsets.UTF_8)).isEqualTo("a\n1\n2\n");
        assertThat(ok(server.runHttp().get("/files/" + fileId)).get("filename").asText())
                .isEqualTo("out.csv");
        JsonNode streamed = events.stream()
                .filter(event -> event.event().equals("thread.message.delta"))
                .map(event -> event.data().at("/delta/content/0/text/annotations"))
                .filter(list -> !list.isEmpty())
                .findFirst()
                .orElseThrow();
        assertThat(streamed.at("/0/index").asInt()).isZero();
        assertThat(streamed.at("/0/file_path/file_id").asText()).isEqualTo(fileId);
        assertThat(OpenAiJavaRunsTest.chatRequests(server.upstream())
                        .get(1)
                        .body()
                        .at("/messages/3/content")
                        .asText())
                .isEqualTo("(no output)\n\nFiles written to /mnt/data: " + link);
    }

    @Test
    void deleting_a_thread_closes_its_code_session() {
        // given a thread whose session holds a variable
        server.upstream().enqueue(Reply.toolCalls(codeCall("secret = 42\nprint('set')")), Reply.text("Done."));
        String threadId = server.runHttp().createThread("Remember a number.");
        server.runHttp().completedRun(threadId, server.runHttp().createAssistant(TOOLS), "");
        SessionKey session = new SessionKey(Caller.DEFAULT_PROJECT, threadId);

        // when the thread is deleted
        ok(server.runHttp().delete("/threads/" + threadId));

        // then its session is gone: the same key opens a new one, without the variable
        CodeExecution after = interpreter.get().execute(session, "print(secret)", List.of());
        assertThat(after.error()).hasValueSatisfying(error -> assertThat(error).contains("NameError"));
        interpreter.get().closeSession(session);
    }

    @Test
    void a_timeout_is_an_error_output_the_model_sees_and_the_run_completes() {
        // given
        CodeInterpreter quick = SharedSandbox.withTimeout(Duration.ofSeconds(1));
        interpreter.set(quick);
        try {
            server.upstream()
                    .enqueue(
                            Reply.toolCalls(codeCall("import time\nprint('start', flush=True)\ntime.sleep(30)")),
                            Reply.text("It took too long."));
            String threadId = server.runHttp().createThread("Wait.");

            // when
            String runId =
                    server.runHttp().completedRun(threadId, server.runHttp().createAssistant(TOOLS), "");

            // then
            JsonNode step = server.runHttp().steps(threadId, runId).getFirst();
            assertThat(step.get("status").asText()).isEqualTo("completed");
            String logs = step.at("/step_details/tool_calls/0/code_interpreter/outputs/0/logs")
                    .asText();
            assertThat(logs).startsWith("start\n").contains("timed out after 1 s");
            assertThat(OpenAiJavaRunsTest.chatRequests(server.upstream())
                            .get(1)
                            .body()
                            .at("/messages/3/content")
                            .asText())
                    .isEqualTo(logs);
        } finally {
            quick.close();
        }
    }

    @Test
    void files_of_the_tool_resources_and_of_attachments_are_in_mnt_data_and_named_in_the_instructions()
            throws Exception {
        // given
        String dataId = upload("data.txt", "from the assistant");
        String noteId = upload("notes/note.txt", "from a message");
        server.upstream()
                .enqueue(
                        Reply.toolCalls(codeCall(
                                "print(open('/mnt/data/data.txt').read(), open('/mnt/data/note.txt').read())")),
                        Reply.text("Read."));
        String assistantId = ok(server.runHttp()
                        .post(
                                "/assistants",
                                "{'model':'gpt-4o','tools':" + TOOLS
                                        + ",'tool_resources':{'code_interpreter':{'file_ids':['" + dataId + "']}}}"))
                .get("id")
                .asText();
        String threadId = ok(server.runHttp()
                        .post(
                                "/threads",
                                "{'messages':[{'role':'user','content':'Read them.','attachments':[{'file_id':'"
                                        + noteId + "','tools':[{'type':'code_interpreter'}]}]}]}"))
                .get("id")
                .asText();

        // when
        String runId =
                server.runHttp().completedRun(threadId, assistantId, "'tool_choice':{'type':'code_interpreter'}");

        // then
        assertThat(server.runHttp()
                        .steps(threadId, runId)
                        .getFirst()
                        .at("/step_details/tool_calls/0/code_interpreter/outputs/0/logs")
                        .asText())
                .isEqualTo("from the assistant from a message\n");
        List<RecordedRequest> requests = OpenAiJavaRunsTest.chatRequests(server.upstream());
        assertThat(requests.getFirst().body().at("/messages/0/content").asText())
                .contains("/mnt/data: note.txt, data.txt.");
        assertThat(requests.getFirst().body().get("tool_choice"))
                .isEqualTo(parse("{\"type\":\"function\",\"function\":{\"name\":\"code_interpreter\"}}"));
        assertThat(requests.get(1).body().get("tool_choice").asText()).isEqualTo("auto");
    }

    @Test
    void cancelling_the_run_stops_the_code_at_once() {
        // given
        server.upstream()
                .enqueue(Reply.toolCalls(codeCall("import time\nprint('started', flush=True)\ntime.sleep(60)")));
        String threadId = server.runHttp().createThread("Sleep.");
        String runId = server.runHttp()
                .startRun(threadId, server.runHttp().createAssistant(TOOLS))
                .get("id")
                .asText();
        RunHttp.awaitTrue(
                "the code runs",
                () -> !server.runHttp().steps(threadId, runId).isEmpty()
                        && server.runHttp()
                                .steps(threadId, runId)
                                .getFirst()
                                .at("/step_details/tool_calls/0/code_interpreter/input")
                                .asText()
                                .contains("sleep(60)"));

        // when
        long started = System.nanoTime();
        ok(server.runHttp().cancel(threadId, runId));
        JsonNode run = server.runHttp().awaitTerminal(threadId, runId);

        // then
        assertThat(run.get("status").asText()).isEqualTo("cancelled");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(server.runHttp()
                        .steps(threadId, runId)
                        .getFirst()
                        .get("status")
                        .asText())
                .isEqualTo("cancelled");
        assertThat(OpenAiJavaRunsTest.chatRequests(server.upstream())).hasSize(1);
    }

    @Test
    void without_an_interpreter_a_run_with_the_tool_is_refused_with_the_reason() {
        // given
        server.restart(setup -> setup.withCode(CodeInterpreterSource.NONE));
        String threadId = server.runHttp().createThread("Hi");

        // when
        RunHttp.Response refused =
                server.runHttp().createRun(threadId, server.runHttp().createAssistant(TOOLS), "");
        RunHttp.Response overridden =
                server.runHttp().createRun(threadId, server.runHttp().createAssistant(TOOLS), "'tools':[]");

        // then
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().get("param").asText()).isEqualTo("tools");
        assertThat(refused.error().get("message").asText())
                .contains("code_interpreter tool is not available", "no code interpreter is configured");
        assertThat(overridden.status()).isEqualTo(200);
    }

    @Test
    void a_server_configured_without_the_tool_refuses_it_with_the_setting_to_change() {
        // given
        ModelRoute route = new ModelRoute(
                "*", "openai", "*", Optional.of(server.upstream().baseUrl()), Optional.of("sk-up"), Optional.empty());
        CodeInterpreterConfig disabled =
                new CodeInterpreterConfig(false, false, Duration.ofSeconds(5), 256, Duration.ofMinutes(1));
        server.restart(setup -> Setup.of(
                        setup.options().dataDir(),
                        new ServerConfig(
                                List.of(route), Optional.empty(), Optional.empty(), FileSearchConfig.LOCAL, disabled))
                .withEngine(EngineTestSupport.FAST));
        String assistantId = server.runHttp().createAssistant(TOOLS);

        // when
        RunHttp.Response refused = server.runHttp()
                .post(
                        "/threads/runs",
                        "{'assistant_id':'" + assistantId + "','thread':{'messages':[{'role':'user',"
                                + "'content':'Hi'}]}}");

        // then
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().get("message").asText())
                .contains("assistant_settings.code_interpreter.enabled: false");
    }

    // ---- helpers

    static ToolCall codeCall(String code) {
        return ToolCall.of(
                "code_interpreter",
                RunHttp.JSON.createObjectNode().put("code", code).toString());
    }

    private List<Event> stream(String threadId, String assistantId) {
        List<Event> events = server.runHttp().streamRun(threadId, assistantId, "");
        assertThat(names(events)).contains("thread.run.completed");
        return events;
    }

    private static JsonNode completedToolStep(List<Event> events) {
        return events.stream()
                .filter(event -> event.event().equals("thread.run.step.completed"))
                .map(Event::data)
                .filter(step -> step.get("type").asText().equals("tool_calls"))
                .findFirst()
                .orElseThrow();
    }

    private byte[] download(String fileId) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = client.send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/files/" + fileId + "/content"))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }

    /** Uploads a file for purpose assistants and returns its id. */
    private String upload(String filename, String content) throws IOException, InterruptedException {
        String boundary = "----a4j" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/files"))
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return parse(response.body()).get("id").asText();
        }
    }
}
