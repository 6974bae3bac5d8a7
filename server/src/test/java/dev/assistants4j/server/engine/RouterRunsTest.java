package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.ThreeUpstreams;
import dev.assistants4j.server.YamlServers;
import dev.assistants4j.testkit.Reply;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Runs on a model with two deployments and a fallback: what the router may retry, and what it may not. */
class RouterRunsTest extends ThreeUpstreams {

    @Test
    void a_run_is_answered_by_the_fallback_when_both_deployments_fail() throws IOException {
        // given gpt-4o's deployments both failing with 500s, and a fallback model
        a.defaultReply(Reply.error(500, "The server had an error."));
        b.defaultReply(Reply.error(500, "The server had an error."));
        c.defaultReply(Reply.text("From the ", "fallback."));
        try (AssistantsServer server = YamlServers.start(dir, "fallback", fallbackConfig(1, 0, ""))) {
            RunHttp http = new RunHttp(server);

            // when a run is made
            String thread = http.createThread("Hi");
            http.completedRun(thread, http.createAssistant(), "");

            // then the fallback's answer is the run's message, after one call to each deployment
            assertThat(RunHttp.text(http.messages(thread).getLast())).isEqualTo("From the fallback.");
            assertThat(a.requestCount()).isEqualTo(1);
            assertThat(b.requestCount()).isEqualTo(1);
            assertThat(c.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void nothing_is_retried_once_output_reached_the_run() throws IOException {
        // given the deployment every call goes first to breaking off after its first delta
        a.defaultReply(Reply.brokenStream("Once upon"));
        b.defaultReply(Reply.text("never sent"));
        c.defaultReply(Reply.text("never sent"));
        try (AssistantsServer server = YamlServers.start(dir, "no-retry", fallbackConfig(1, 0, ""))) {
            RunHttp http = new RunHttp(server);

            // when a run is made
            String thread = http.createThread("Tell me a story.");
            JsonNode run = http.finishedRun(thread, http.createAssistant(), "");

            // then it failed as it does without a router, its message incomplete, and no other deployment was called
            assertThat(run.get("status").asText()).isEqualTo("failed");
            assertThat(run.at("/last_error/code").asText()).isEqualTo("server_error");
            JsonNode message = http.messages(thread).getLast();
            assertThat(message.get("status").asText()).isEqualTo("incomplete");
            assertThat(a.requestCount()).isEqualTo(1);
            assertThat(b.requestCount()).isZero();
            assertThat(c.requestCount()).isZero();
        }
    }
}
