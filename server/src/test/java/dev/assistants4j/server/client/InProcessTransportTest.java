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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process transports of one engine stop together. (The walk through the API: {@link TransportsAgreeTest}.) */
class InProcessTransportTest {

    @TempDir
    Path dataDir;

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
