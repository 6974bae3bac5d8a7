package dev.assistants4j.server;

import dev.assistants4j.testkit.FakeUpstream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of tests that point a config at one fake upstream: the {@link #upstream}, closed after each test, and a
 * temporary directory. One instance per test method; {@link ThreeUpstreams} is the router tests' larger one.
 */
public abstract class OneUpstream {

    protected final FakeUpstream upstream = FakeUpstream.start();

    @TempDir
    protected Path dir;

    @AfterEach
    void closeUpstream() {
        upstream.close();
    }
}
