package dev.assistants4j.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.client.ApiRequest;
import dev.assistants4j.client.Assistants4j;
import dev.assistants4j.client.EventStream;
import dev.assistants4j.client.HttpTransport;
import dev.assistants4j.client.Transport;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.TestServer;
import dev.assistants4j.server.TestServer.Setup;
import dev.assistants4j.server.engine.EngineTestSupport;
import dev.assistants4j.server.engine.SharedSandbox;
import dev.assistants4j.testkit.FakeUpstream;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The two ways the SDK reaches an engine, for tests that run the same flow through both (a JUnit
 * {@code @EnumSource}): over HTTP to a test server, and in-process to an engine without HTTP. Each starts on a fresh
 * {@link FakeUpstream} with {@link EngineTestSupport#FAST} timings.
 */
enum SdkTransport {
    HTTP {
        @Override
        Assistants4j client(Setup setup) {
            AssistantsServer server = TestServer.start(setup);
            Transport http = HttpTransport.builder()
                    .baseUrl(server.baseUrl())
                    .maxRetries(0)
                    .build();
            return Assistants4j.over(new ServerClosing(http, server));
        }
    },
    IN_PROCESS {
        @Override
        Assistants4j client(Setup setup) {
            return Assistants4j.over(TestServer.startEngine(setup).inProcess());
        }
    };

    /** A client of an engine started as {@code setup} says; closing the client stops the engine. */
    abstract Assistants4j client(Setup setup);

    /** A fake upstream and a client of an engine whose every model routes to it. */
    Sdk start(Path dataDir) {
        return start(dataDir, UnaryOperator.identity());
    }

    /** As {@link #start(Path)}, with the shared bubblewrap sandbox as the code interpreter. */
    Sdk startWithSandbox(Path dataDir) {
        return start(dataDir, setup -> setup.withCode(SharedSandbox::get));
    }

    private Sdk start(Path dataDir, UnaryOperator<Setup> adjust) {
        FakeUpstream upstream = FakeUpstream.start();
        try {
            return new Sdk(upstream, client(adjust.apply(EngineTestSupport.setup(dataDir, upstream))));
        } catch (RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    /** A transport to a test server that stops the server when closed. */
    private record ServerClosing(Transport http, AssistantsServer server) implements Transport {
        @Override
        public JsonNode send(ApiRequest request) {
            return http.send(request);
        }

        @Override
        public EventStream stream(ApiRequest request) {
            return http.stream(request);
        }

        @Override
        public byte[] download(ApiRequest request) {
            return http.download(request);
        }

        @Override
        public void close() {
            try (server) {
                http.close();
            }
        }
    }

    /** A fake upstream and an SDK client routed to it; closing closes both. */
    record Sdk(FakeUpstream upstream, Assistants4j client) implements AutoCloseable {
        @Override
        public void close() {
            try (upstream) {
                client.close();
            }
        }
    }
}
