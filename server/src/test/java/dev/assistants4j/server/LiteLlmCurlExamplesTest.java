package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The curl lines of LiteLLM's Assistants docs (docs.litellm.ai/docs/assistants, proxy tab), run unchanged with the
 * real curl against a server whose master key is theirs ({@code sk-1234}) and whose models are the offline mock:
 * only the host, the port and the ids are substituted. Each flow runs with the paths as written (LiteLLM serves them
 * with and without {@code /v1}), all without {@code /v1}, and all with it.
 */
class LiteLlmCurlExamplesTest {

    private static final String LITELLM_HOST = "http://0.0.0.0:4000";
    private static final String LITELLM_LOCALHOST = "http://localhost:4000";
    private static final String MASTER_KEY = "sk-1234";
    private static final String[] BEARER = {"Authorization", "Bearer " + MASTER_KEY};
    private static final String ANSWER = "Subtract 11 from both sides, then divide by 3: x = 1.";
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(30);

    // "Azure OpenAI" and "OpenAI-Compatible APIs" in litellm-assistants-providers.md, as written: the two lines differ
    // only in their model, each one's own.
    private static final String CREATE_ASSISTANT = """
            curl -X POST "http://localhost:4000/v1/assistants" \\
              -H "Content-Type: application/json" \\
              -H "Authorization: Bearer sk-1234" \\
              -d '{
                "instructions": "You are a personal math tutor. When asked a question, write and run Python code to answer the question.",
                "name": "Math Tutor",
                "tools": [{"type": "code_interpreter"}],
                "model": "%s"
              }'
            """;
    private static final String CREATE_AZURE_ASSISTANT = CREATE_ASSISTANT.formatted("<my-azure-deployment-name>");
    private static final String CREATE_COMPATIBLE_ASSISTANT =
            CREATE_ASSISTANT.formatted("openai/<my-astra-model-name>");

    // "Get the Assistant" in litellm-assistants-proxy.md, as written (the last line's continuation included).
    private static final String GET_ASSISTANTS = """
            curl "http://0.0.0.0:4000/v1/assistants?order=desc&limit=20" \\
              -H "Content-Type: application/json" \\
              -H "Authorization: Bearer sk-1234" \\
            """;

    // "Create a Thread": an empty body with a JSON Content-Type, read as {}.
    private static final String CREATE_THREAD = """
            curl http://0.0.0.0:4000/v1/threads \\
              -H "Content-Type: application/json" \\
              -H "Authorization: Bearer sk-1234" \\
              -d ''
            """;

    private static final String ADD_MESSAGE = """
            curl http://0.0.0.0:4000/v1/threads/{thread_id}/messages \\
              -H "Content-Type: application/json" \\
              -H "Authorization: Bearer sk-1234" \\
              -d '{
                  "role": "user",
                  "content": "How does AI work? Explain it in simple terms."
                }'
            """;

    private static final String RUN = """
            curl http://0.0.0.0:4000/v1/threads/thread_abc123/runs \\
              -H "Authorization: Bearer sk-1234" \\
              -H "Content-Type: application/json" \\
              -d '{
                "assistant_id": "asst_abc123"
              }'
            """;

    // "Streaming", proxy tab. The page has `-D '{...}'`, a typo: -D is --dump-header (curl would save the headers to a
    // file named after the JSON and send no body); -d is what it means, and the only change made to a line here.
    private static final String STREAMING_RUN = """
            curl -X POST 'http://0.0.0.0:4000/threads/{thread_id}/runs' \\
            -H 'Authorization: Bearer sk-1234' \\
            -H 'Content-Type: application/json' \\
            -d '{
                  "assistant_id": "asst_6xVZQFFy1Kw87NbnYeNebxTf",
                  "stream": true
            }'
            """;

    /** How the lines' paths are given. */
    enum Paths {
        AS_WRITTEN,
        WITHOUT_V1,
        WITH_V1
    }

    @TempDir
    static Path dir;

    static AssistantsServer server;
    static HttpTestClient http;

    @BeforeAll
    static void start() throws IOException {
        Curl.requireCurl();
        String yaml = """
                model_list:
                  - model_name: "<my-azure-deployment-name>"
                    litellm_params: {model: mock/gpt-4o, mock_response: "%1$s"}
                  - model_name: "openai/<my-astra-model-name>"
                    litellm_params: {model: mock/astra, mock_response: "%1$s"}
                general_settings:
                  master_key: %2$s
                """.formatted(ANSWER, MASTER_KEY);
        server = YamlServers.start(dir, "data", yaml);
        http = new HttpTestClient(server, dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "paths {0}")
    @EnumSource(Paths.class)
    void the_docs_curl_lines_create_list_and_run_assistants(Paths paths) throws Exception {
        // when the assistants of the providers page are created and listed
        JsonNode azure = json(curl(CREATE_AZURE_ASSISTANT, paths, "", ""));
        JsonNode compatible = json(curl(CREATE_COMPATIBLE_ASSISTANT, paths, "", ""));
        JsonNode listed = json(curl(GET_ASSISTANTS, paths, "", ""));

        // then
        assertThat(azure.path("object").asText()).as("%s", azure).isEqualTo("assistant");
        assertThat(azure.path("model").asText()).isEqualTo("<my-azure-deployment-name>");
        assertThat(azure.path("name").asText()).isEqualTo("Math Tutor");
        assertThat(azure.at("/tools/0/type").asText()).isEqualTo("code_interpreter");
        assertThat(compatible.path("model").asText()).as("%s", compatible).isEqualTo("openai/<my-astra-model-name>");
        assertThat(listed.path("object").asText()).as("%s", listed).isEqualTo("list");
        assertThat(listed.path("first_id").asText())
                .isEqualTo(compatible.path("id").asText());
        assertThat(listed.path("data").get(1).path("id").asText())
                .isEqualTo(azure.path("id").asText());

        // given the assistant the run lines call: one without tools, as code_interpreter needs bubblewrap on this host
        String assistant = existingAssistant();

        // when a thread is created with an empty body, a message added and a run started
        JsonNode thread = json(curl(CREATE_THREAD, paths, "", ""));
        String threadId = thread.path("id").asText();
        JsonNode message = json(curl(ADD_MESSAGE, paths, threadId, assistant));
        JsonNode run = json(curl(RUN, paths, threadId, assistant));

        // then
        assertThat(thread.path("object").asText()).as("%s", thread).isEqualTo("thread");
        assertThat(message.path("role").asText()).as("%s", message).isEqualTo("user");
        assertThat(message.at("/content/0/text/value").asText())
                .isEqualTo("How does AI work? Explain it in simple terms.");
        assertThat(run.path("object").asText()).as("%s", run).isEqualTo("thread.run");
        assertThat(run.path("assistant_id").asText()).isEqualTo(assistant);
        assertThat(awaitTerminal(threadId, run.path("id").asText())
                        .path("status")
                        .asText())
                .isEqualTo("completed");
        assertThat(lastAssistantText(threadId)).isEqualTo(ANSWER);

        // when the streaming line runs on the same thread
        String stream = curl(STREAMING_RUN, paths, threadId, assistant);

        // then
        assertThat(eventNames(stream))
                .as(stream)
                .startsWith("thread.run.created")
                .contains("thread.message.delta", "thread.run.completed")
                .endsWith("thread.run.completed", "done");
        assertThat(stream.strip()).endsWith("data: [DONE]");
        assertThat(deltaText(stream)).isEqualTo(ANSWER);
        assertThat(lastAssistantText(threadId)).isEqualTo(ANSWER);
    }

    /** Runs a doc line with the server's host and port, the paths as asked, and the ids substituted. */
    private static String curl(String line, Paths paths, String threadId, String assistantId) throws Exception {
        String host = "http://127.0.0.1:" + server.port();
        String command = line.replace(LITELLM_HOST, host).replace(LITELLM_LOCALHOST, host);
        if (paths != Paths.AS_WRITTEN) {
            command = command.replace(host + "/v1/", host + "/");
        }
        if (paths == Paths.WITH_V1) {
            command = command.replace(host + "/", host + "/v1/");
        }
        command = command.replace("{thread_id}", threadId)
                .replace("thread_abc123", threadId)
                .replace("asst_abc123", assistantId)
                .replace("asst_6xVZQFFy1Kw87NbnYeNebxTf", assistantId);
        assertThat(command).as("the host is replaced").doesNotContain(LITELLM_HOST, LITELLM_LOCALHOST);
        return Curl.run(command, dir);
    }

    private static JsonNode json(String body) {
        JsonNode json = parse(body);
        assertThat(json.has("error")).as("an error: %s", body).isFalse();
        return json;
    }

    private static String existingAssistant() {
        Reply created =
                http.post("/v1/assistants", "{\"model\":\"<my-azure-deployment-name>\",\"name\":\"Tutor\"}", BEARER);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().path("id").asText();
    }

    private static JsonNode awaitTerminal(String threadId, String runId) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        while (true) {
            Reply reply = http.get("/v1/threads/" + threadId + "/runs/" + runId, BEARER);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            String status = reply.json().path("status").asText();
            if (!List.of("queued", "in_progress", "cancelling").contains(status)) {
                return reply.json();
            }
            assertThat(System.nanoTime())
                    .as("run %s still %s after %s", runId, status, RUN_DEADLINE)
                    .isLessThan(deadline);
            Thread.sleep(20); // the poll interval, not a synchronisation: the deadline bounds the wait
        }
    }

    private static String lastAssistantText(String threadId) {
        Reply reply = http.get("/v1/threads/" + threadId + "/messages?order=desc&limit=1", BEARER);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode message = reply.json().path("data").get(0);
        assertThat(message.path("role").asText()).as("%s", message).isEqualTo("assistant");
        return message.at("/content/0/text/value").asText();
    }

    private static List<String> eventNames(String sse) {
        List<String> names = new ArrayList<>();
        Matcher event = Pattern.compile("(?m)^event: (\\S+)$").matcher(sse);
        while (event.find()) {
            names.add(event.group(1));
        }
        return names;
    }

    /** The text of the stream's {@code thread.message.delta} events, joined. */
    private static String deltaText(String sse) {
        StringBuilder text = new StringBuilder();
        Matcher delta = Pattern.compile("(?m)^event: thread\\.message\\.delta\\ndata: (.+)$")
                .matcher(sse);
        while (delta.find()) {
            text.append(parse(delta.group(1)).at("/delta/content/0/text/value").asText());
        }
        return text.toString();
    }
}
