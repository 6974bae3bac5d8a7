package dev.assistants4j.server;

import static dev.assistants4j.server.StaticCallers.budget;
import static dev.assistants4j.server.StaticCallers.models;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.access.Limits;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.testkit.Poll;
import dev.assistants4j.testkit.ToolCall;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs charge the key that created them: creation is refused like a chat completion (models, budget), every model
 * call of the run is charged (also one made after tool outputs sent with another key), a run that crosses its budget
 * fails at its next model call, and the run's usage is what its spend log rows add up to.
 */
class RunSpendTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String WEATHER_TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}";

    private static final StaticCallers CALLERS = new StaticCallers()
            .key("sk-models", "k-models", models("gpt-4o-mini"))
            .key("sk-budget", "k-budget", budget("0.01", null))
            .teamKey("sk-team-a", "k-team-a", Limits.NONE, "team-x", Limits.NONE)
            .teamKey("sk-team-b", "k-team-b", Limits.NONE, "team-x", Limits.NONE);

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream().setup(s -> s.withCallers(CALLERS));

    private Reply post(String key, String path, String body) {
        return server.http().post(path, body, "Authorization", "Bearer " + key, "OpenAI-Beta", "assistants=v2");
    }

    private JsonNode get(String key, String path) {
        Reply reply = server.http().get(path, "Authorization", "Bearer " + key, "OpenAI-Beta", "assistants=v2");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private String created(String key, String path, String body) {
        Reply reply = post(key, path, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("id").asText();
    }

    private String assistant(String key) {
        return created(key, "/v1/assistants", "{\"model\":\"gpt-4o\",\"tools\":[" + WEATHER_TOOL + "]}");
    }

    /** A thread, its run and the run as it waits for tool outputs. */
    private record ThreadRun(String thread, String run, JsonNode waiting) {}

    /** A thread saying hi and a run of {@code assistant} on it, created with {@code key}, once it wants tool outputs. */
    private ThreadRun waitingForOutputs(String key, String assistant) {
        String thread = created(key, "/v1/threads", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        String run = created(key, "/v1/threads/" + thread + "/runs", "{\"assistant_id\":\"" + assistant + "\"}");
        return new ThreadRun(thread, run, await(key, thread, run, "requires_action"));
    }

    private JsonNode await(String key, String thread, String run, String... statuses) {
        List<String> wanted = List.of(statuses);
        JsonNode found = Poll.until(
                WAIT,
                () -> get(key, "/v1/threads/" + thread + "/runs/" + run),
                r -> wanted.contains(r.path("status").asText()));
        assertThat(found.path("status").asText()).as(found.toString()).isIn(wanted);
        return found;
    }

    private Reply submitOutputs(String key, String thread, JsonNode run) {
        String call = run.path("required_action")
                .path("submit_tool_outputs")
                .path("tool_calls")
                .get(0)
                .path("id")
                .asText();
        return post(
                key,
                "/v1/threads/" + thread + "/runs/" + run.path("id").asText() + "/submit_tool_outputs",
                "{\"tool_outputs\":[{\"tool_call_id\":\"" + call + "\",\"output\":\"sunny\"}]}");
    }

    private List<JsonNode> rowsOf(String run) {
        server.server().spend().flush();
        return SpendLimitsTest.rows(server.http().get("/spend/logs").json()).stream()
                .filter(row -> row.path("metadata").path("run_id").asText().equals(run))
                .toList();
    }

    @Test
    void a_run_on_a_model_its_key_may_not_use_is_refused_when_created() {
        String assistant = assistant("sk-models");
        String thread = created("sk-models", "/v1/threads", "{}");

        Reply refused =
                post("sk-models", "/v1/threads/" + thread + "/runs", "{\"assistant_id\":\"" + assistant + "\"}");
        Reply refusedToo = post(
                "sk-models",
                "/v1/threads/runs",
                "{\"assistant_id\":\"" + assistant
                        + "\",\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(refused.json().path("error").path("type").asText()).isEqualTo("key_model_access_denied");
        assertThat(refusedToo.status()).isEqualTo(401);
        assertThat(get("sk-models", "/v1/threads/" + thread + "/runs").path("data"))
                .isEmpty();
        String allowed = created(
                "sk-models",
                "/v1/threads/" + thread + "/runs",
                "{\"assistant_id\":\"" + assistant + "\",\"model\":\"gpt-4o-mini\"}");
        await("sk-models", thread, allowed, "completed");
        assertThat(server.upstream().requestCount()).isEqualTo(1);
    }

    @Test
    void a_run_that_crosses_its_budget_fails_at_its_next_model_call() {
        server.upstream()
                .enqueue(dev.assistants4j.testkit.Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}"))
                        .usage(100_000, 0)); // $0.25 of a $0.01 budget
        String assistant = assistant("sk-budget");
        ThreadRun started = waitingForOutputs("sk-budget", assistant);
        String thread = started.thread();
        String run = started.run();
        JsonNode waiting = started.waiting();

        assertThat(submitOutputs("sk-budget", thread, waiting).status()).isEqualTo(200);

        JsonNode failed = await("sk-budget", thread, run, "failed", "completed");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("last_error").path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(failed.path("last_error").path("message").asText())
                .startsWith("Budget has been exceeded! Current cost: 0.25");
        assertThat(server.upstream().requestCount())
                .as("the second model call was not sent")
                .isEqualTo(1);
        assertThat(failed.path("usage").path("prompt_tokens").asLong()).isEqualTo(100_000);
        assertThat(rowsOf(run)).singleElement().satisfies(row -> {
            assertThat(row.path("api_key").asText()).isEqualTo("k-budget");
            assertThat(row.path("prompt_tokens").asLong()).isEqualTo(100_000);
            assertThat(row.path("spend").asDouble()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
        });
        Reply next = post("sk-budget", "/v1/threads/" + thread + "/runs", "{\"assistant_id\":\"" + assistant + "\"}");
        assertThat(next.status()).isEqualTo(400);
        assertThat(next.json().path("error").path("type").asText()).isEqualTo("budget_exceeded");
    }

    @Test
    void every_model_call_of_a_run_is_charged_to_its_key_and_adds_up_to_the_runs_usage() {
        server.upstream()
                .enqueue(
                        dev.assistants4j.testkit.Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Oslo\"}"))
                                .usage(30, 10),
                        dev.assistants4j.testkit.Reply.text("It is sunny.").usage(50, 20));
        String assistant = assistant("sk-team-a");
        ThreadRun started = waitingForOutputs("sk-team-a", assistant);
        String thread = started.thread();
        String run = started.run();
        JsonNode waiting = started.waiting();

        // the outputs come with another key of the team: the run still charges the key that created it
        assertThat(submitOutputs("sk-team-b", thread, waiting).status()).isEqualTo(200);
        JsonNode completed = await("sk-team-b", thread, run, "completed");

        List<JsonNode> rows = rowsOf(run);
        assertThat(rows)
                .hasSize(2)
                .allSatisfy(row -> assertThat(row.path("api_key").asText()).isEqualTo("k-team-a"));
        long prompt =
                rows.stream().mapToLong(r -> r.path("prompt_tokens").asLong()).sum();
        long completion = rows.stream()
                .mapToLong(r -> r.path("completion_tokens").asLong())
                .sum();
        assertThat(completed.path("usage").path("prompt_tokens").asLong())
                .isEqualTo(prompt)
                .isEqualTo(80);
        assertThat(completed.path("usage").path("completion_tokens").asLong())
                .isEqualTo(completion)
                .isEqualTo(30);
        assertThat(completed.path("usage").path("total_tokens").asLong()).isEqualTo(prompt + completion);
    }
}
