package dev.assistants4j.server.engine;

import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.FakeUpstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tests that stop a server and start another on the same data directory: they start their servers themselves
 * ({@link ServerExtension#newServer()}), every model routed to one {@link FakeUpstream} that outlives them.
 */
abstract class RestartingServers {

    @RegisterExtension
    final ServerExtension servers = ServerExtension.withFakeUpstream().upstreamOnly();

    FakeUpstream upstream;

    @BeforeEach
    void startUpstream() {
        upstream = servers.upstream();
    }
}
