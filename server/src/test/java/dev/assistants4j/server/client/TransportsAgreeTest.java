package dev.assistants4j.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.client.HttpTransport;
import dev.assistants4j.client.Transport;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.TestServer;
import dev.assistants4j.server.engine.EngineTestSupport;
import dev.assistants4j.testkit.FakeUpstream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport contract: the same walk through the API ({@link TransportScenario}) over HTTP to a server and
 * in-process to an engine sees the same objects, events and errors, line for line; and the walk itself went as the
 * API says (objects created, text streamed, a run waiting for tool outputs, the thread lock, files, each error).
 */
class TransportsAgreeTest {

    @TempDir
    Path httpDir;

    @TempDir
    Path inProcessDir;

    @Test
    void httpAndInProcessAnswerAlike() {
        List<String> overHttp;
        try (FakeUpstream upstream = FakeUpstream.start();
                AssistantsServer server = TestServer.start(EngineTestSupport.setup(httpDir, upstream));
                Transport http = HttpTransport.builder()
                        .baseUrl(server.baseUrl())
                        .maxRetries(0)
                        .build()) {
            overHttp = new TransportScenario(http, upstream).run();
        }
        List<String> inProcess;
        try (FakeUpstream upstream = FakeUpstream.start();
                Transport local = TestServer.startEngine(EngineTestSupport.setup(inProcessDir, upstream))
                        .inProcess()) {
            inProcess = new TransportScenario(local, upstream).run();
        }
        assertThat(overHttp).hasSizeGreaterThan(40);
        assertThat(overHttp).anySatisfy(line -> assertThat(line).startsWith("POST /assistants -> {\"id\":\"asst#1\""));
        assertThat(overHttp)
                .contains("download hello file", "end of stream")
                .anySatisfy(line -> assertThat(line)
                        .startsWith("event thread.message.delta")
                        .contains("The answer "))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("event thread.run.requires_action")
                        .contains("\"name\":\"get_weather\""))
                .anySatisfy(line -> assertThat(line).startsWith("event thread.run.completed"))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("error 404 NotFoundException")
                        .contains("asst_doesnotexist"))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("error 400 BadRequestException")
                        .contains("param=model"))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("error 404 NotFoundException")
                        .contains("Invalid URL (GET /v1/no_such_path)"))
                .anySatisfy(line -> assertThat(line).startsWith("error 405"))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("error 400 BadRequestException")
                        .contains("while a run"))
                .anySatisfy(line -> assertThat(line).startsWith("error 400").contains("param=purpose"));
        assertThat(inProcess).containsExactlyElementsOf(overHttp);
    }
}
