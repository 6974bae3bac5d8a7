package dev.assistants4j.server;

import static dev.assistants4j.server.StaticCallers.budget;
import static dev.assistants4j.server.StaticCallers.models;
import static dev.assistants4j.server.StaticCallers.rates;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.access.CurrentSpend;
import dev.assistants4j.core.access.Limits;
import dev.assistants4j.core.access.SpendSubject;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.testkit.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The limits of keys and teams on {@code /v1/chat/completions} and {@code /v1/embeddings}, over real HTTP against a
 * fake upstream that speaks OpenAI's wire: the models allow-list, budgets and their reset, rpm, tpm and parallel
 * limits with OpenAI's headers, and the spend log rows the calls leave. gpt-4o's built-in price is $2.50 per million
 * prompt tokens and $10 per million completion tokens.
 */
class SpendLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Limits RESET_BUDGET = budget("0.01", Duration.ofSeconds(2));

    private static final StaticCallers CALLERS = new StaticCallers()
            .key("sk-models", "k-models", models("gpt-4o-mini"))
            .teamKey("sk-team-models", "k-team-models", Limits.NONE, "team-models", models("gpt-4o-mini"))
            .key("sk-budget", "k-budget", budget("0.01", null))
            .teamKey("sk-team-budget", "k-team-budget", Limits.NONE, "team-budget", budget("0.01", null))
            .key("sk-reset", "k-reset", RESET_BUDGET)
            .key("sk-rpm", "k-rpm", rates(2, null, null))
            .key("sk-tpm", "k-tpm", rates(null, 100, null))
            .key("sk-parallel", "k-parallel", rates(null, null, 1))
            .key("sk-free", "k-free", Limits.NONE);

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream().setup(s -> s.withCallers(CALLERS));

    private static JsonNode error(Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        return reply.json().path("error");
    }

    @Test
    void a_key_or_team_calls_only_the_models_it_lists() {
        JsonNode keyDenied = error(server.http().chat("sk-models", "gpt-4o"), 401);
        JsonNode teamDenied = error(server.http().chat("sk-team-models", "gpt-4o"), 401);

        assertThat(keyDenied.path("type").asText()).isEqualTo("key_model_access_denied");
        assertThat(keyDenied.path("param").asText()).isEqualTo("model");
        assertThat(keyDenied.path("code").asText()).isEqualTo("401");
        assertThat(keyDenied.path("message").asText())
                .isEqualTo("key not allowed to access model. This key can only access models=[gpt-4o-mini]."
                        + " Tried to access gpt-4o");
        assertThat(teamDenied.path("type").asText()).isEqualTo("team_model_access_denied");
        assertThat(server.http().chat("sk-models", "gpt-4o-mini").status()).isEqualTo(200);
        assertThat(server.http().chat("sk-team-models", "gpt-4o-mini").status()).isEqualTo(200);
        assertThat(server.upstream().requestCount())
                .as("refused calls never reach the upstream")
                .isEqualTo(2);
    }

    @Test
    void a_key_or_team_over_its_budget_is_refused_with_litellms_budget_exceeded() {
        server.upstream().defaultReply(ServerReplies.costing(100_000)); // $0.25 each

        assertThat(server.http().chat("sk-budget", "gpt-4o").status()).isEqualTo(200);
        assertThat(server.http().chat("sk-team-budget", "gpt-4o").status()).isEqualTo(200);
        JsonNode key = error(server.http().chat("sk-budget", "gpt-4o"), 400);
        JsonNode team = error(server.http().chat("sk-team-budget", "gpt-4o"), 400);

        assertThat(key.path("type").asText()).isEqualTo("budget_exceeded");
        assertThat(key.path("code").asText()).isEqualTo("400");
        assertThat(key.path("message").asText()).startsWith("Budget has been exceeded! Current cost: 0.25");
        assertThat(key.path("message").asText()).endsWith("Max budget: 0.01");
        assertThat(team.path("type").asText()).isEqualTo("budget_exceeded");
        assertThat(team.path("message").asText()).contains("Team=team-budget");
        assertThat(server.http().chat("sk-free", "gpt-4o").status())
                .as("other keys go on")
                .isEqualTo(200);
    }

    @Test
    void a_budget_starts_again_every_budget_duration() {
        server.upstream().defaultReply(ServerReplies.costing(100_000));
        Reply refused = null;
        for (int i = 0; i < 5 && refused == null; i++) { // a call that ends after a reset is charged to the next period
            assertThat(server.http().chat("sk-reset", "gpt-4o").status()).isEqualTo(200);
            Reply next = server.http().chat("sk-reset", "gpt-4o");
            refused = next.status() == 400 ? next : null;
        }
        assertThat(refused).as("a call over the budget is refused").isNotNull();
        CurrentSpend spent = server.server().spend().current(SpendSubject.key("k-reset"), RESET_BUDGET);
        assertThat(spent.spend()).isGreaterThanOrEqualTo(0.25);
        assertThat(spent.budgetResetAt()).isPresent();
        assertThat(spent.budgetResetAt().get())
                .isBetween(Instant.now(), Instant.now().plusSeconds(2));

        boolean admittedAgain =
                Poll.holds(WAIT, () -> server.http().chat("sk-reset", "gpt-4o").status() == 200);

        assertThat(admittedAgain).as("admitted again once the budget reset").isTrue();
    }

    @Test
    void rpm_limit_answers_429_with_openais_rate_limit_headers() {
        awayFromAMinuteBoundary();
        assertThat(server.http().chat("sk-rpm", "gpt-4o").status()).isEqualTo(200);
        assertThat(server.http().chat("sk-rpm", "gpt-4o").status()).isEqualTo(200);

        Reply refused = server.http().chat("sk-rpm", "gpt-4o");

        JsonNode error = error(refused, 429);
        assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("message").asText()).contains("requests per min (RPM): Limit 2, Used 2");
        assertThat(refused.header("x-ratelimit-limit-requests")).isEqualTo("2");
        assertThat(refused.header("x-ratelimit-remaining-requests")).isEqualTo("0");
        assertThat(refused.header("x-ratelimit-reset-requests")).matches("\\d+s");
        assertThat(Integer.parseInt(refused.header("retry-after"))).isBetween(1, 60);
        assertThat(server.http().chat("sk-free", "gpt-4o").status()).isEqualTo(200);
    }

    @Test
    void tpm_limit_counts_the_tokens_calls_used() {
        awayFromAMinuteBoundary();
        server.upstream().enqueue(dev.assistants4j.testkit.Reply.text("hello").usage(80, 40));
        assertThat(server.http().chat("sk-tpm", "gpt-4o").status()).isEqualTo(200);

        Reply refused = server.http().chat("sk-tpm", "gpt-4o");

        JsonNode error = error(refused, 429);
        assertThat(error.path("message").asText()).contains("tokens per min (TPM): Limit 100, Used 120");
        assertThat(refused.header("x-ratelimit-limit-tokens")).isEqualTo("100");
        assertThat(refused.header("x-ratelimit-remaining-tokens")).isEqualTo("0");
        assertThat(refused.header("x-ratelimit-reset-tokens")).matches("\\d+s");
        assertThat(refused.header("retry-after")).matches("\\d+");
    }

    @Test
    void max_parallel_requests_refuses_a_call_while_another_is_in_flight() {
        server.upstream()
                .enqueue(dev.assistants4j.testkit.Reply.text("slow").delayBeforeFirstToken(Duration.ofSeconds(2)));
        CompletableFuture<Reply> first =
                CompletableFuture.supplyAsync(() -> server.http().chat("sk-parallel", "gpt-4o"));
        assertThat(Poll.holds(WAIT, () -> server.upstream().requestCount() == 1))
                .isTrue();

        Reply refused = server.http().chat("sk-parallel", "gpt-4o");

        JsonNode error = error(refused, 429);
        assertThat(error.path("message").asText()).contains("Max parallel request limit reached");
        assertThat(refused.header("retry-after")).isEqualTo("1");
        assertThat(first.join().status()).isEqualTo(200);
        assertThat(server.http().chat("sk-parallel", "gpt-4o").status())
                .as("the slot is free again")
                .isEqualTo(200);
    }

    @Test
    void every_call_leaves_one_spend_log_row_with_its_usage_and_cost() {
        server.upstream().enqueue(dev.assistants4j.testkit.Reply.text("one").usage(11, 7));
        server.upstream()
                .enqueue(dev.assistants4j.testkit.Reply.text("two", " streamed").usage(5, 3));
        assertThat(server.http().chat("sk-free", "gpt-4o").status()).isEqualTo(200);
        Reply streamed = server.http()
                .post(
                        "/v1/chat/completions",
                        "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                                + "\"user\":\"palantir\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "Authorization",
                        "Bearer sk-free");
        assertThat(streamed.body()).contains("[DONE]");
        Reply embedded = server.http()
                .post(
                        "/v1/embeddings",
                        "{\"model\":\"text-embedding-3-small\",\"input\":\"hello world\"}",
                        "Authorization",
                        "Bearer sk-free");
        assertThat(embedded.status()).isEqualTo(200);
        server.server().spend().flush();

        List<JsonNode> rows =
                rows(server.http().get("/spend/logs?api_key=k-free").json());

        assertThat(rows).hasSize(3);
        JsonNode plain = rows.get(0);
        assertThat(plain.path("api_key").asText()).isEqualTo("k-free");
        assertThat(plain.path("call_type").asText()).isEqualTo("acompletion");
        assertThat(plain.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(plain.path("prompt_tokens").asLong()).isEqualTo(11);
        assertThat(plain.path("completion_tokens").asLong()).isEqualTo(7);
        assertThat(plain.path("total_tokens").asLong()).isEqualTo(18);
        assertThat(plain.path("spend").asDouble()).isCloseTo(11 * 2.5e-6 + 7 * 1e-5, within());
        JsonNode stream = rows.get(1);
        assertThat(stream.path("prompt_tokens").asLong()).isEqualTo(5);
        assertThat(stream.path("completion_tokens").asLong()).isEqualTo(3);
        assertThat(stream.path("spend").asDouble()).isCloseTo(5 * 0.15e-6 + 3 * 0.6e-6, within());
        assertThat(stream.path("user").asText()).isEqualTo("palantir");
        JsonNode embedding = rows.get(2);
        assertThat(embedding.path("call_type").asText()).isEqualTo("aembedding");
        assertThat(embedding.path("prompt_tokens").asLong()).isPositive();
        assertThat(embedding.path("completion_tokens").asLong()).isZero();
    }

    @Test
    void a_stream_without_a_usage_chunk_is_charged_an_estimate() {
        server.upstream().enqueue(dev.assistants4j.testkit.Reply.text("a fairly long answer of several words"));
        Reply streamed = server.http()
                .post(
                        "/v1/chat/completions",
                        "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "Authorization",
                        "Bearer sk-free");
        assertThat(streamed.body()).doesNotContain("\"usage\":{");
        server.server().spend().flush();

        List<JsonNode> rows =
                rows(server.http().get("/spend/logs?api_key=k-free").json());

        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().path("completion_tokens").asLong()).isBetween(5L, 15L);
        assertThat(rows.getFirst().path("spend").asDouble()).isPositive();
    }

    @Test
    void spend_logs_are_for_the_master_key_only() {
        JsonNode error = error(server.http().get("/spend/logs", "Authorization", "Bearer sk-free"), 401);

        assertThat(error.path("message").asText()).contains("master key");
    }

    static List<JsonNode> rows(JsonNode array) {
        assertThat(array.isArray()).as(array.toString()).isTrue();
        return new ArrayList<>(StreamSupport.stream(array.spliterator(), false).toList());
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }

    /** Waits, when the minute is about to end, for the next one: rate windows are whole minutes. */
    static void awayFromAMinuteBoundary() {
        assertThat(Poll.holds(Duration.ofSeconds(10), () -> Instant.now().getEpochSecond() % 60 < 55))
                .isTrue();
    }
}
