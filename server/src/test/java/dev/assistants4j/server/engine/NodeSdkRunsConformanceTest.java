package dev.assistants4j.server.engine;

import dev.assistants4j.server.OfficialNodeSdks;
import dev.assistants4j.testkit.FakeUpstream;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code conformance/node/runs.mjs} with the official {@code openai} npm package (4.x and 7.x): runs driven end
 * to end through the poll helpers and the AssistantStream helpers, against a server whose model is a {@link
 * FakeUpstream}.
 *
 * <p>The script scripts the upstream itself through a small control endpoint started here ({@code
 * ASSISTANTS_UPSTREAM_CONTROL}): {@code POST /enqueue} with {@code {"text": ["Hel", "lo"]}} and/or {@code
 * {"toolCalls": [{"name": "f", "arguments": "{...}"}]}} becomes {@code upstream.enqueue(reply)}; {@code POST /reset}
 * drops the replies still queued and answers {@code {"leftover": n}}. Each check enqueues the replies its own model
 * calls take just before starting the run, and the script resets after each check (failing it if a reply was left),
 * so nothing here depends on the order of the checks.
 */
class NodeSdkRunsConformanceTest {

    @OfficialNodeSdks
    void official_node_sdk_drives_runs_end_to_end(String sdk, @TempDir Path dataDir, @TempDir Path logDir)
            throws Exception {
        // given servers on the scripted upstream with the fast engine timings
        NodeSdkScripts.ServerStart server =
                upstream -> EngineTestSupport.start(dataDir, upstream, EngineTestSupport.FAST);

        // when / then
        NodeSdkScripts.assertPasses("runs.mjs", sdk, server, logDir);
    }
}
