package dev.assistants4j.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.engine.ModelRouter.RoutedModel;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import dev.assistants4j.server.ThreeUpstreams;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Poll;
import dev.assistants4j.testkit.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The router over real HTTP: one {@link FakeUpstream} per deployment, calls made through the {@link ProviderRouter}
 * the run engine uses.
 */
class DeploymentRouterTest extends ThreeUpstreams {

    @Test
    void simple_shuffle_spreads_calls_by_weight() throws IOException {
        // given two deployments weighted 3:1
        a.defaultReply(Reply.text("A"));
        b.defaultReply(Reply.text("B"));
        ProviderRouter router = router(deployment("gpt-4o", a, "weight: 3") + deployment("gpt-4o", b, "weight: 1"));

        // when 400 calls are made
        for (int i = 0; i < 400; i++) {
            answer(router, "gpt-4o");
        }

        // then A took 3/4 of them: n=400, p=0.75 gives sd = sqrt(400 * 0.75 * 0.25) = 8.7 calls, and the bounds
        // 300 +- 43 are 5 sd wide (a false failure about once in 1.7 million runs)
        assertThat(a.requestCount() + b.requestCount()).isEqualTo(400);
        assertThat(a.requestCount()).isBetween(257, 343);
    }

    @Test
    void a_failing_deployment_is_retried_on_another_then_cooled_down_then_called_again() throws IOException {
        // given A failing with 500s, B answering, a deployment cooled down after its first failure for 3 s
        a.defaultReply(Reply.error(500, "The server had an error."));
        b.defaultReply(Reply.text("B"));
        ProviderRouter router = router(deployment("gpt-4o", a, "") + deployment("gpt-4o", b, "")
                + "router_settings: {allowed_fails: 0, cooldown_time: 3}\n");

        // when calls are made until one went to A: that call is answered by B
        long failedAt = 0; // when the call that reached A began: its cooldown started later, once A had failed
        while (a.requestCount() == 0) {
            failedAt = System.nanoTime();
            assertThat(answer(router, "gpt-4o")).isEqualTo("B");
        }

        // then A gets none of the next 20 calls, made within its cooldown
        for (int i = 0; i < 20; i++) {
            assertThat(answer(router, "gpt-4o")).isEqualTo("B");
        }
        assertThat(System.nanoTime() - failedAt)
                .isLessThan(Duration.ofSeconds(3).toNanos());
        assertThat(a.requestCount()).isEqualTo(1);

        // and after the cooldown it is called again
        assertThat(Poll.holds(Duration.ofSeconds(20), () -> {
                    assertThat(answer(router, "gpt-4o")).isEqualTo("B");
                    return a.requestCount() == 2;
                }))
                .isTrue();
        assertThat(System.nanoTime() - failedAt)
                .isGreaterThanOrEqualTo(Duration.ofSeconds(3).toNanos());
    }

    @Test
    void a_deployment_silent_past_the_timeout_is_abandoned_for_another() throws IOException {
        // given A never answering, B answering, a router timeout of 0.5 s
        a.defaultReply(Reply.hangUntilClosed());
        b.defaultReply(Reply.text("B"));
        ProviderRouter router =
                router(deployment("gpt-4o", a, "") + deployment("gpt-4o", b, "") + "router_settings: {timeout: 0.5}\n");

        // when calls are made until one went to A: B answered it
        while (a.requestCount() == 0) {
            assertThat(answer(router, "gpt-4o")).isEqualTo("B");
        }

        // then A's request was aborted
        assertThat(a.awaitDisconnect(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void the_fallback_model_answers_when_every_deployment_fails() throws IOException {
        // given both deployments of gpt-4o failing, and a fallback model
        a.defaultReply(Reply.error(503, "Overloaded."));
        b.defaultReply(Reply.error(429, "Rate limit reached."));
        c.defaultReply(Reply.text("C"));
        ProviderRouter router = router(deployment("gpt-4o", a, "") + deployment("gpt-4o", b, "")
                + deployment("backup", c, "") + "router_settings: {fallbacks: [{gpt-4o: [backup]}]}\n");

        // when a call is made, the fallback answers, after one call to each deployment
        assertThat(answer(router, "gpt-4o")).isEqualTo("C");
        assertThat(a.requestCount()).isEqualTo(1);
        assertThat(b.requestCount()).isEqualTo(1);
        assertThat(c.takeRequest(Duration.ofSeconds(5))
                        .orElseThrow()
                        .body()
                        .get("model")
                        .asText())
                .isEqualTo("backup-upstream");
    }

    @Test
    void a_prompt_too_long_goes_to_the_context_window_fallback_only() throws IOException {
        // given A refusing the prompt as too long; B (same model) and a plain fallback that would answer
        a.defaultReply(Reply.error(400, "This model's maximum context length is 8192 tokens.")
                .code("context_length_exceeded"));
        b.defaultReply(Reply.text("B"));
        c.defaultReply(Reply.text("C"));
        ProviderRouter router = router(deployment("gpt-4o", a, "weight: 1") + deployment("gpt-4o", b, "weight: 0")
                + deployment("gpt-4o-long", c, "")
                + "router_settings: {context_window_fallbacks: [{gpt-4o: [gpt-4o-long]}]}\n");

        // when a call is made, the context-window fallback answers; B is not tried for a refused prompt
        assertThat(answer(router, "gpt-4o")).isEqualTo("C");
        assertThat(b.requestCount()).isZero();
    }

    @Test
    void a_refused_request_is_not_retried_and_keeps_its_error() throws IOException {
        a.defaultReply(Reply.error(401, "Incorrect API key."));
        b.defaultReply(Reply.text("B"));
        ProviderRouter router = router(deployment("gpt-4o", a, "weight: 1") + deployment("gpt-4o", b, "weight: 0"));

        assertThatThrownBy(() -> answer(router, "gpt-4o"))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(b.requestCount()).isZero();
    }

    @Test
    void a_stream_failing_after_its_first_delta_is_not_retried() throws IOException {
        // given A failing after one delta, B answering
        a.defaultReply(Reply.streamError("Upstream died.", "Hel"));
        b.defaultReply(Reply.text("B"));
        ProviderRouter router = router(deployment("gpt-4o", a, "weight: 1") + deployment("gpt-4o", b, "weight: 0"));

        // when a call is made, the failure reaches the caller after the delta, and B got no call
        assertThatThrownBy(() -> answer(router, "gpt-4o")).isInstanceOf(ProviderException.class);
        assertThat(a.requestCount()).isEqualTo(1);
        assertThat(b.requestCount()).isZero();
    }

    @Test
    void least_busy_sends_a_call_to_the_idle_deployment() throws IOException {
        // given two deployments, least-busy
        a.defaultReply(Reply.text("A"));
        b.defaultReply(Reply.text("B"));
        ProviderRouter router = router(deployment("gpt-4o", a, "") + deployment("gpt-4o", b, "")
                + "router_settings: {routing_strategy: least-busy}\n");
        RoutedModel routed = router.route("gpt-4o").orElseThrow();
        // when one call is held open, the next goes to the other deployment
        try (ProviderStream first =
                routed.provider().stream(ChatRequest.of("x", List.of(ChatMessage.User.text("Hi"))))) {
            int busyA = a.requestCount();
            int busyB = b.requestCount();
            String next = answer(router, "gpt-4o");
            assertThat(next).isEqualTo(busyA == 1 ? "B" : "A");
            assertThat(busyA + busyB).isEqualTo(1);
        }
    }

    @Test
    void latency_based_routing_prefers_the_deployment_that_answers_first() throws IOException {
        // given A taking 300 ms to its first delta and B answering at once
        a.defaultReply(Reply.text("A").delayBeforeFirstToken(Duration.ofMillis(300)));
        b.defaultReply(Reply.text("B"));
        ProviderRouter router = router(deployment("gpt-4o", a, "") + deployment("gpt-4o", b, "")
                + "router_settings: {routing_strategy: latency-based-routing}\n");

        // when calls are made until each deployment answered once (an unmeasured one counts as fastest)
        while (a.requestCount() == 0 || b.requestCount() == 0) {
            answer(router, "gpt-4o");
        }
        int slowCalls = a.requestCount();

        // then the next ten calls all go to B
        for (int i = 0; i < 10; i++) {
            assertThat(answer(router, "gpt-4o")).isEqualTo("B");
        }
        assertThat(a.requestCount()).isEqualTo(slowCalls);
    }

    @Test
    void a_model_with_one_deployment_and_no_fallbacks_is_called_directly() throws IOException {
        ProviderRouter router = router(deployment("gpt-4o", a, "") + deployment("other", b, "")
                + "router_settings: {fallbacks: [{other: [gpt-4o]}]}\n");

        assertThat(router.route("gpt-4o").orElseThrow().provider()).isNotInstanceOf(DeploymentRouter.class);
        assertThat(router.route("other").orElseThrow().provider()).isInstanceOf(DeploymentRouter.class);
    }

    private ProviderRouter router(String yaml) throws IOException {
        Path file = Files.writeString(
                dir.resolve("config-" + System.nanoTime() + ".yaml"),
                "model_list:\n" + yaml.replace("router_settings", "\nrouter_settings"));
        return new ProviderRouter(ConfigLoader.load(file, Map.of()));
    }

    private static String deployment(String name, FakeUpstream upstream, String params) {
        return "  - model_name: " + name + "\n    litellm_params: {model: openai/" + name + "-upstream, api_base: \""
                + upstream.baseUrl() + "\", api_key: sk-test" + (params.isEmpty() ? "" : ", " + params) + "}\n";
    }

    /** The text of one call to {@code model}. */
    private static String answer(ProviderRouter router, String model) {
        RoutedModel routed = router.route(model).orElseThrow();
        StringBuilder text = new StringBuilder();
        try (ProviderStream stream = routed.provider().stream(
                ChatRequest.of(routed.upstreamModel(), List.of(ChatMessage.User.text("Hi"))))) {
            while (stream.hasNext()) {
                if (stream.next() instanceof ProviderEvent.TextDelta delta) {
                    text.append(delta.text());
                }
            }
        }
        return text.toString();
    }
}
