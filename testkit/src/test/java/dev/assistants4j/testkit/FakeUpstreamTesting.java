package dev.assistants4j.testkit;

import org.junit.jupiter.api.AfterEach;

/** The tests of {@link FakeUpstream}: a fresh fake for each test, closed after it, and a plain client to call it. */
abstract class FakeUpstreamTesting {

    final FakeUpstream upstream = FakeUpstream.start();
    final UpstreamClient client = new UpstreamClient();

    @AfterEach
    void closeUpstream() {
        upstream.close();
    }

    /** The fake's chat completions endpoint. */
    String chatUrl() {
        return upstream.baseUrl() + "/chat/completions";
    }
}
