package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSmokeTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void streams_a_text_answer_and_a_tool_call() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start();
                AssistantsServer server = EngineTestSupport.start(dir, upstream)) {
            upstream.enqueue(Reply.text("Hello", " world"));
            String base = server.baseUrl();
            String asst = id(post(
                    base + "/assistants",
                    "{\"model\":\"gpt-4o\",\"instructions\":\"Be brief.\","
                            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]}"));
            String thread = id(post(base + "/threads", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"));
            String sse =
                    post(base + "/threads/" + thread + "/runs", "{\"assistant_id\":\"" + asst + "\",\"stream\":true}");
            assertThat(sse).contains("event: thread.run.completed").endsWith("event: done\ndata: [DONE]\n\n");
            upstream.enqueue(Reply.toolCalls(
                    ToolCall.of("get_weather", "{\"city\":\"Paris\"}"),
                    ToolCall.of("get_weather", "{\"city\":\"Rome\"}")));
            String sse2 =
                    post(base + "/threads/" + thread + "/runs", "{\"assistant_id\":\"" + asst + "\",\"stream\":true}");
            assertThat(sse2).contains("event: thread.run.requires_action");
        }
    }

    private String post(String url, String body) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String id(String json) {
        return json.replaceAll("(?s)^\\{\"id\":\"([^\"]+)\".*", "$1");
    }
}
