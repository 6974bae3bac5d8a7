package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.server.engine.RunHttp.Event;
import dev.assistants4j.testkit.Reply;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs whose prompt the model cannot take end {@code failed} with {@code last_error.code} {@code invalid_prompt}: an
 * image for a model routed without vision (the model is not called), and a prompt the upstream refuses as too long
 * or invalid (HTTP 400), which retrying cannot fix.
 */
class PromptRefusalsTest {

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream().config((upstream, dir) -> {
        ModelRoute blind = new ModelRoute(
                "blind",
                "openai",
                "text-only",
                Optional.of(upstream.baseUrl()),
                Optional.of("sk-upstream"),
                Optional.empty(),
                Optional.empty(),
                false);
        ModelRoute any = EngineTestSupport.everyModelTo(upstream);
        return new ServerConfig(List.of(blind, any), Optional.empty(), Optional.empty());
    });

    private String assistant;

    @BeforeEach
    void start() {
        assistant = server.runHttp().createAssistant();
    }

    @Test
    void an_image_for_a_model_without_vision_fails_the_run_without_calling_the_model() {
        // given a thread with an image, and a run on the model routed with supports_vision false
        String fileId = server.runHttp().upload("chart.png", ImagePromptTest.image("png"), "vision");
        String thread = RunHttp.ok(server.runHttp()
                        .post(
                                "/threads",
                                "{'messages':[{'role':'user','content':[{'type':'text','text':'What is this?'},"
                                        + "{'type':'image_file','image_file':{'file_id':'" + fileId + "'}}]}]}"))
                .get("id")
                .asText();

        // when the run is made
        JsonNode run = server.runHttp().finishedRun(thread, assistant, "'model':'blind'");

        // then it failed as an invalid prompt naming the model, and the model was never called
        assertThat(run.get("status").asText()).as("run %s", run).isEqualTo("failed");
        assertThat(run.at("/last_error/code").asText()).isEqualTo("invalid_prompt");
        assertThat(run.at("/last_error/message").asText()).contains("'blind'").contains("does not accept images");
        assertThat(server.upstream().requestCount()).isZero();
    }

    @Test
    void the_same_model_without_vision_answers_a_prompt_without_images() {
        // given a text-only thread
        String thread = server.runHttp().createThread("Hi");
        server.upstream().enqueue(Reply.text("Hello."));

        // when a run is made on the model without vision
        JsonNode run = server.runHttp().finishedRun(thread, assistant, "'model':'blind'");

        // then it completes through its upstream model
        assertThat(run.get("status").asText()).as("run %s", run).isEqualTo("completed");
        assertThat(server.upstream().requests().getFirst().body().get("model").asText())
                .isEqualTo("text-only");
    }

    @Test
    void context_length_exceeded_upstream_fails_the_run_with_invalid_prompt() {
        // given an upstream refusing the prompt as too long
        server.upstream().enqueue(contextLengthExceeded());
        String thread = server.runHttp().createThread("A very long story.");

        // when a run is made
        JsonNode run = server.runHttp().finishedRun(thread, assistant, "");

        // then it failed at once as an invalid prompt that says how to shorten it
        assertThat(run.get("status").asText()).as("run %s", run).isEqualTo("failed");
        assertThat(run.at("/last_error/code").asText()).isEqualTo("invalid_prompt");
        assertThat(run.at("/last_error/message").asText())
                .contains("too long for the model 'gpt-4o'")
                .contains("maximum context length is 128000 tokens")
                .contains("truncation_strategy")
                .contains("max_prompt_tokens");
        assertThat(server.upstream().requestCount()).isEqualTo(1);
    }

    @Test
    void a_streaming_client_gets_the_run_failed_with_invalid_prompt() {
        // given an upstream refusing the prompt as too long
        server.upstream().enqueue(contextLengthExceeded());
        String thread = server.runHttp().createThread("A very long story.");

        // when the run is streamed
        List<Event> events = server.runHttp().streamRun(thread, assistant, "");

        // then the stream ends with thread.run.failed carrying invalid_prompt
        assertThat(RunHttp.names(events)).contains("thread.run.failed").endsWith("done");
        JsonNode failed = events.stream()
                .filter(event -> event.event().equals("thread.run.failed"))
                .findFirst()
                .orElseThrow()
                .data();
        assertThat(failed.at("/last_error/code").asText()).isEqualTo("invalid_prompt");
        assertThat(failed.at("/last_error/message").asText()).contains("too long");
    }

    @Test
    void another_refused_request_is_invalid_prompt_with_the_upstream_message_and_an_auth_failure_is_a_server_error() {
        // given an upstream that cannot read an image, then one whose key is refused
        server.upstream()
                .enqueue(
                        Reply.error(400, "Invalid image.").code("invalid_image_format"),
                        Reply.error(401, "Incorrect API key provided."));
        String first = server.runHttp().createThread("Look.");
        String second = server.runHttp().createThread("Hi");

        // when a run is made on each thread
        JsonNode refused = server.runHttp().finishedRun(first, assistant, "");
        JsonNode unauthorised = server.runHttp().finishedRun(second, assistant, "");

        // then the first is the client's to fix, the second the deployment's
        assertThat(refused.at("/last_error/code").asText()).isEqualTo("invalid_prompt");
        assertThat(refused.at("/last_error/message").asText()).contains("Invalid image.");
        assertThat(unauthorised.at("/last_error/code").asText()).isEqualTo("server_error");
    }

    private static Reply contextLengthExceeded() {
        return Reply.error(
                        400,
                        "This model's maximum context length is 128000 tokens. However, your messages resulted in"
                                + " 130000 tokens. Please reduce the length of the messages.")
                .code("context_length_exceeded");
    }
}
