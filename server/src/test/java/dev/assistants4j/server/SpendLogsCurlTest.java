package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.access.Limits;
import dev.assistants4j.testkit.Reply;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LiteLLM's curl examples for {@code GET /spend/logs} (its API reference), run with curl as written but for the host
 * (and, for the request id, the id of a real row).
 */
class SpendLogsCurlTest {

    private static final String LITELLM_HOST = "http://0.0.0.0:8000";
    private static final String EXAMPLE_KEY = "sk-Fn8Ej39NkBQmUagFEoUWPQ";
    private static final String EXAMPLE_REQUEST = "chatcmpl-6dcb2540-d3d7-4e49-bb27-291f863f112e";

    private static final StaticCallers CALLERS =
            new StaticCallers().key(EXAMPLE_KEY, "key-fn8e", Limits.NONE).key("sk-other", "key-other", Limits.NONE);

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream().setup(s -> s.withCallers(CALLERS));

    @BeforeAll
    static void curl() {
        Curl.requireCurl();
    }

    private String curl(String line) throws Exception {
        String command =
                line.replace(LITELLM_HOST, "http://127.0.0.1:" + server.server().port());
        assertThat(command).doesNotContain(LITELLM_HOST);
        return Curl.run(command, server.dir());
    }

    private void chat(String key, int promptTokens) {
        server.upstream().enqueue(Reply.text("hello").usage(promptTokens, 2));
        var reply = server.http()
                .post(
                        "/chat/completions",
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "Authorization",
                        "Bearer " + key);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void litellms_spend_logs_examples_work_as_written() throws Exception {
        chat(EXAMPLE_KEY, 10);
        chat("sk-other", 20);
        server.server().spend().flush();

        List<JsonNode> all = SpendLimitsTest.rows(HttpTestClient.parse(
                curl("curl -X GET \"http://0.0.0.0:8000/spend/logs\" -H \"Authorization: Bearer sk-1234\"")));
        String requestId = all.get(1).path("request_id").asText();
        List<JsonNode> byRequest = SpendLimitsTest.rows(
                HttpTestClient.parse(curl(("curl -X GET \"http://0.0.0.0:8000/spend/logs?request_id=" + EXAMPLE_REQUEST
                                + "\" -H \"Authorization: Bearer sk-1234\"")
                        .replace(EXAMPLE_REQUEST, requestId))));
        List<JsonNode> byKey = SpendLimitsTest.rows(HttpTestClient.parse(
                curl("curl -X GET \"http://0.0.0.0:8000/spend/logs?api_key=sk-Fn8Ej39NkBQmUagFEoUWPQ\""
                        + " -H \"Authorization: Bearer sk-1234\"")));

        assertThat(all).hasSize(2);
        assertThat(all.get(0).path("api_key").asText()).isEqualTo("key-fn8e");
        assertThat(all.get(0).fieldNames())
                .toIterable()
                .contains(
                        "request_id",
                        "api_key",
                        "model",
                        "call_type",
                        "spend",
                        "total_tokens",
                        "prompt_tokens",
                        "completion_tokens",
                        "startTime",
                        "endTime",
                        "user",
                        "metadata",
                        "cache_hit",
                        "request_tags");
        assertThat(byRequest)
                .singleElement()
                .satisfies(row -> assertThat(row.path("prompt_tokens").asLong()).isEqualTo(20));
        assertThat(byKey).singleElement().satisfies(row -> {
            assertThat(row.path("prompt_tokens").asLong()).isEqualTo(10);
            assertThat(row.path("spend").asDouble()).isEqualTo(10 * 2.5e-6 + 2 * 1e-5);
        });
    }

    @Test
    void with_start_and_end_dates_the_answer_is_litellms_daily_totals() throws Exception {
        chat(EXAMPLE_KEY, 10);
        chat("sk-other", 20);
        server.server().spend().flush();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        List<JsonNode> days = SpendLimitsTest.rows(HttpTestClient.parse(curl("curl -X GET \"http://0.0.0.0:8000"
                + "/spend/logs?start_date=" + today + "&end_date=" + today.plusDays(1)
                + "\" -H \"Authorization: Bearer sk-1234\"")));

        assertThat(days).singleElement().satisfies(day -> {
            assertThat(day.path("startTime").asText()).isEqualTo(today.toString());
            assertThat(day.path("spend").asDouble()).isCloseTo(30 * 2.5e-6 + 4 * 1e-5, within());
            assertThat(day.path("key-fn8e").asDouble()).isCloseTo(10 * 2.5e-6 + 2 * 1e-5, within());
            assertThat(day.path("models").path("gpt-4o").asDouble()).isCloseTo(30 * 2.5e-6 + 4 * 1e-5, within());
        });
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }
}
