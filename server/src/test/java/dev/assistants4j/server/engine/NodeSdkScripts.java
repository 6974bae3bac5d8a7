package dev.assistants4j.server.engine;

import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.NodeScript;
import dev.assistants4j.testkit.FakeUpstream;
import java.nio.file.Path;
import java.util.Map;

/** Runs a node conformance script whose model is a {@link FakeUpstream} the script drives through an {@link UpstreamControl}. */
final class NodeSdkScripts {

    /** Starts a server on a fake upstream. */
    interface ServerStart {
        AssistantsServer start(FakeUpstream upstream) throws Exception;
    }

    private NodeSdkScripts() {}

    /** Starts a fake upstream, its control endpoint and a server, then runs {@code script} against them with {@code sdk}. */
    static void assertPasses(String script, String sdk, ServerStart start, Path logDir) throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start();
                UpstreamControl control = UpstreamControl.start(upstream);
                AssistantsServer server = start.start(upstream)) {
            assertPasses(script, sdk, server.baseUrl(), control, logDir);
        }
    }

    /** Runs {@code script} with {@code sdk} against the server at {@code baseUrl} (no master key) and {@code control}. */
    static void assertPasses(String script, String sdk, String baseUrl, UpstreamControl control, Path logDir)
            throws Exception {
        NodeScript.assertPasses(
                script,
                sdk,
                Map.of(
                        "ASSISTANTS_BASE_URL",
                        baseUrl,
                        "ASSISTANTS_API_KEY",
                        "sk-no-master-key-configured",
                        "ASSISTANTS_UPSTREAM_CONTROL",
                        control.url()),
                logDir);
    }
}
