package dev.assistants4j.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.client.ApiRequest;
import dev.assistants4j.client.Transport;
import dev.assistants4j.server.Engine;
import dev.assistants4j.server.TestServer;
import dev.assistants4j.server.engine.EngineTestSupport;
import dev.assistants4j.testkit.FakeUpstream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process transport walks the API as a client over HTTP would: objects, runs, files and errors. */
class InProcessTransportTest {

    @TempDir
    Path dataDir;

    @Test
    void walksTheApiWithoutHttp() {
        List<String> transcript;
        try (FakeUpstream upstream = FakeUpstream.start();
                Transport transport = TestServer.startEngine(EngineTestSupport.setup(dataDir, upstream))
                        .inProcess()) {
            transcript = new TransportScenario(transport, upstream).run();
        }
        assertThat(transcript)
                .anySatisfy(line -> assertThat(line).startsWith("POST /assistants -> {\"id\":\"asst#1\""));
        assertThat(transcript)
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
                .anySatisfy(line -> assertThat(line).startsWith("error 400").contains("param=purpose"));
    }

    @Test
    void every_transport_of_an_engine_refuses_calls_once_the_engine_is_closed() {
        try (FakeUpstream upstream = FakeUpstream.start();
                Engine engine = TestServer.startEngine(EngineTestSupport.setup(dataDir, upstream))) {
            Transport first = engine.inProcess();
            Transport second = engine.inProcess();
            assertThat(second.send(ApiRequest.get("/assistants")).get("data")).isEmpty();

            first.close();

            assertThatThrownBy(() -> second.send(ApiRequest.get("/assistants")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The transport is closed.");
        }
    }
}
