package dev.assistants4j.server;

import dev.assistants4j.testkit.FakeUpstream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the router tests: three fake upstreams, {@link #a} and {@link #b} for a model's two deployments and
 * {@link #c} for its fallback, closed after each test, and a temporary directory. One instance per test method.
 */
public abstract class ThreeUpstreams {

    protected final FakeUpstream a = FakeUpstream.start();
    protected final FakeUpstream b = FakeUpstream.start();
    protected final FakeUpstream c = FakeUpstream.start();

    @TempDir
    protected Path dir;

    @AfterEach
    void closeUpstreams() {
        a.close();
        b.close();
        c.close();
    }

    /** gpt-4o on A (weight {@code wa}) and B (weight {@code wb}), falling back to backup on C; then {@code extra}. */
    protected final String fallbackConfig(int wa, int wb, String extra) {
        return "model_list:\n" + deployment("gpt-4o", a, wa) + deployment("gpt-4o", b, wb) + deployment("backup", c, 1)
                + "router_settings:\n  fallbacks: [{gpt-4o: [backup]}]\n" + extra;
    }

    private static String deployment(String name, FakeUpstream upstream, int weight) {
        return "  - model_name: " + name + "\n    litellm_params: {model: openai/" + name + ", api_base: \""
                + upstream.baseUrl() + "\", api_key: sk-test, weight: " + weight + "}\n";
    }
}
