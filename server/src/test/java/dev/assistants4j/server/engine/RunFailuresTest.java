package dev.assistants4j.server.engine;

import static dev.assistants4j.server.engine.RunHttp.json;
import static dev.assistants4j.server.engine.RunHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.server.TestServer;
import dev.assistants4j.server.TestServer.Setup;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.server.engine.RunHttp.Response;
import dev.assistants4j.testkit.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How runs end when the provider fails, cuts answers short, or the run's limits and options shape the prompt. */
class RunFailuresTest {

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream();

    @Test
    void a_server_error_from_the_provider_is_retried() {
        // given a provider failing once with a 500
        server.upstream().enqueue(Reply.error(500, "The server had an error."), Reply.text("Recovered."));

        // when a run is made
        JsonNode run = runToEnd(server.runHttp().createThread("Hi"), "");

        // then it completes with the second answer
        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(run.get("last_error").isNull()).isTrue();
        assertThat(server.upstream().requestCount()).isEqualTo(2);
        assertThat(RunHttp.text(
                        server.runHttp().messages(run.get("thread_id").asText()).getLast()))
                .isEqualTo("Recovered.");
    }

    @Test
    void rate_limits_on_every_attempt_fail_the_run_with_rate_limit_exceeded() {
        // given a provider that rate-limits each of the three attempts
        server.upstream()
                .enqueue(
                        Reply.error(429, "Rate limit reached."),
                        Reply.error(429, "Rate limit reached."),
                        Reply.error(429, "Rate limit reached."));

        // when a run is made
        JsonNode run = runToEnd(server.runHttp().createThread("Hi"), "");

        // then it failed as rate limited, after three attempts
        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.at("/last_error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(run.at("/last_error/message").asText()).isNotBlank();
        assertThat(run.get("failed_at").isIntegralNumber())
                .as("failed_at in %s", run)
                .isTrue();
        assertThat(run.get("completed_at").isNull()).isTrue();
        assertThat(run.get("expires_at").isNull()).isTrue();
        assertThat(server.upstream().requestCount()).isEqualTo(3);
    }

    @Test
    void a_client_error_from_the_provider_fails_the_run_at_once() {
        // given a provider refusing the request
        server.upstream().enqueue(Reply.error(400, "Invalid value for 'temperature': too hot."));

        // when a run is made
        JsonNode run = runToEnd(server.runHttp().createThread("Hi"), "");

        // then it failed without a retry, as the client's to fix, with the provider's message
        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.at("/last_error/code").asText()).isEqualTo("invalid_prompt");
        assertThat(run.at("/last_error/message").asText()).contains("Invalid value for 'temperature': too hot.");
        assertThat(run.get("failed_at").isIntegralNumber()).isTrue();
        assertThat(server.upstream().requestCount()).isEqualTo(1);
    }

    @Test
    void a_stream_broken_before_any_delta_is_retried() {
        // given a provider whose first stream breaks before any text
        server.upstream().enqueue(Reply.brokenStream(), Reply.text("Recovered."));

        // when a run is made
        JsonNode run = runToEnd(server.runHttp().createThread("Hi"), "");

        // then it completes with one message, from the second attempt
        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(server.upstream().requestCount()).isEqualTo(2);
        List<JsonNode> messages = server.runHttp().messages(run.get("thread_id").asText());
        assertThat(messages).hasSize(2);
        assertThat(RunHttp.text(messages.getLast())).isEqualTo("Recovered.");
        assertThat(server.runHttp()
                        .steps(run.get("thread_id").asText(), run.get("id").asText()))
                .singleElement()
                .satisfies(step -> assertThat(step.get("status").asText()).isEqualTo("completed"));
    }

    @Test
    void a_stream_broken_after_text_fails_the_run_without_a_retry() {
        // given a provider whose stream breaks after some text reached the run
        server.upstream().enqueue(Reply.brokenStream("Once upon"), Reply.text("never sent"));

        // when a run is made
        JsonNode run = runToEnd(server.runHttp().createThread("Tell me a story."), "");

        // then it failed, and the half-written message is incomplete
        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.at("/last_error/code").asText()).isEqualTo("server_error");
        assertThat(server.upstream().requestCount()).isEqualTo(1);
        JsonNode message =
                server.runHttp().messages(run.get("thread_id").asText()).getLast();
        assertThat(message.get("role").asText()).isEqualTo("assistant");
        assertThat(message.get("status").asText()).isEqualTo("incomplete");
        assertThat(RunHttp.text(message)).isEqualTo("Once upon");
        JsonNode step = server.runHttp()
                .steps(run.get("thread_id").asText(), run.get("id").asText())
                .getFirst();
        assertThat(step.get("status").asText()).isEqualTo("failed");
        assertThat(step.get("failed_at").isIntegralNumber())
                .as("failed_at in %s", step)
                .isTrue();
    }

    @Test
    void an_answer_cut_at_max_completion_tokens_makes_the_run_incomplete() {
        // given a provider whose answer stops at the length limit
        server.upstream().enqueue(Reply.text("Once upon", " a time").finishReason("length"));

        // when a run with max_completion_tokens 256 is made
        JsonNode run = runToEnd(server.runHttp().createThread("Tell me a story."), "'max_completion_tokens':256");

        // then the run and its message are incomplete, for the token limit
        assertThat(run.get("status").asText()).isEqualTo("incomplete");
        assertThat(run.at("/incomplete_details/reason").asText()).isEqualTo("max_completion_tokens");
        assertThat(run.get("max_completion_tokens").asInt()).isEqualTo(256);
        assertThat(run.get("expires_at").isNull()).isTrue();
        JsonNode message =
                server.runHttp().messages(run.get("thread_id").asText()).getLast();
        assertThat(message.get("status").asText()).isEqualTo("incomplete");
        assertThat(message.at("/incomplete_details/reason").asText()).isEqualTo("max_tokens");
        assertThat(RunHttp.text(message)).isEqualTo("Once upon a time");
        assertThat(server.upstream()
                        .requests()
                        .getFirst()
                        .body()
                        .get("max_completion_tokens")
                        .asInt())
                .isEqualTo(256);
    }

    @Test
    void a_prompt_over_max_prompt_tokens_makes_the_run_incomplete_without_a_model_call() {
        // given a thread whose only message is about a thousand tokens long
        String thread = server.runHttp().createThread("x".repeat(4000));

        // when a run allows 256 prompt tokens
        JsonNode run = runToEnd(thread, "'max_prompt_tokens':256");

        // then it is incomplete for the prompt limit, and the model was never called
        assertThat(run.get("status").asText()).isEqualTo("incomplete");
        assertThat(run.at("/incomplete_details/reason").asText()).isEqualTo("max_prompt_tokens");
        assertThat(server.upstream().requestCount()).isZero();
        assertThat(server.runHttp().messages(thread)).hasSize(1);
    }

    @Test
    void truncation_to_the_last_messages_sends_only_those() {
        // given a thread of five messages
        String thread = server.runHttp().createThread("one", "two", "three", "four", "five");

        // when a run keeps the last two
        JsonNode run = runToEnd(thread, "'truncation_strategy':{'type':'last_messages','last_messages':2}");

        // then the model saw the instructions and only the last two messages
        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(run.get("truncation_strategy")).isEqualTo(parse(json("{'type':'last_messages','last_messages':2}")));
        JsonNode messages = server.upstream().requests().getFirst().body().get("messages");
        assertThat(roles(messages)).containsExactly("system", "user", "user");
        assertThat(messages.get(0).get("content").asText()).isEqualTo("Be brief.");
        assertThat(messages.get(1).get("content").asText()).isEqualTo("four");
        assertThat(messages.get(2).get("content").asText()).isEqualTo("five");
    }

    @Test
    void a_json_schema_response_format_reaches_the_model_unchanged() {
        // given a run asking for a JSON schema answer
        String format = "{'type':'json_schema','json_schema':{'name':'weather','strict':true,'schema':{'type':'object',"
                + "'properties':{'city':{'type':'string'}},'required':['city'],'additionalProperties':false}}}";
        server.upstream().enqueue(Reply.text("{\"city\":\"Paris\"}"));

        // when it runs
        JsonNode run = runToEnd(server.runHttp().createThread("Which city?"), "'response_format':" + format);

        // then the run shows the format and the model request carries the same object
        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(run.get("response_format")).isEqualTo(parse(json(format)));
        assertThat(server.upstream().requests().getFirst().body().get("response_format"))
                .isEqualTo(parse(json(format)));
    }

    @Test
    void a_model_the_server_does_not_route_is_refused() {
        // given a server configured with gpt-4o only
        ModelRoute gpt4o = new ModelRoute(
                "gpt-4o",
                "openai",
                "gpt-4o",
                Optional.of(server.upstream().baseUrl()),
                Optional.of("sk-up"),
                Optional.empty());
        ServerConfig config = new ServerConfig(List.of(gpt4o), Optional.empty(), Optional.empty());
        try (AssistantsServer restricted = TestServer.start(
                Setup.of(server.dir().resolve("restricted"), config).withEngine(EngineTestSupport.FAST))) {
            RunHttp client = new RunHttp(restricted);
            String thread = client.createThread("Hi");

            // when a run asks for another model
            Response refused = client.createRun(thread, client.createAssistant(), "'model':'nope'");

            // then it is refused for the model, and no run was stored
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.error().get("param").asText()).isEqualTo("model");
            assertThat(refused.error().get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(client.runs(thread)).isEmpty();
            assertThat(server.upstream().requestCount()).isZero();
        }
    }

    /** Creates a run of a new assistant on {@code thread} with extra body {@code fields} and waits until it ends. */
    private JsonNode runToEnd(String thread, String fields) {
        return server.runHttp().finishedRun(thread, server.runHttp().createAssistant(), fields);
    }

    private static List<String> roles(JsonNode messages) {
        List<String> roles = new ArrayList<>();
        messages.forEach(message -> roles.add(message.get("role").asText()));
        return roles;
    }
}
