package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenAiJavaRunsToolsTest} with the assistant's model routed to {@code gemini/…} on the fake's Gemini API: the
 * parallel calls arrive whole as {@code functionCall} parts without ids (the adapter gives them {@code call_…} ids),
 * and the submitted outputs go back as one user turn of {@code functionResponse} parts named after the calls.
 */
class OpenAiJavaRunsToolsGeminiTest extends OpenAiJavaRunsToolsTest {

    @Override
    ServerExtension extension() {
        return super.extension().config((upstream, dir) -> EngineTestSupport.routingToGemini(upstream));
    }

    @Override
    @Test
    void submitted_outputs_reach_upstream_as_tool_messages() {
        // when
        Submitted submitted = submitOutputsToChatPath(path -> path.endsWith(":streamGenerateContent"));

        // then
        List<RecordedRequest> requests = submitted.requests();
        assertThat(requests.get(1).header("x-goog-api-key")).contains("AIza-upstream");
        JsonNode second = requests.get(1).body();
        assertThat(second.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Use the tools.");
        assertThat(second.at("/tools/0/functionDeclarations"))
                .extracting(tool -> tool.path("name").asText())
                .containsExactly("get_weather", "get_time");
        assertThat(second.path("contents")).isEqualTo(json("""
                [{"role":"user","parts":[{"text":"%s"}]},
                 {"role":"model","parts":[
                   {"functionCall":{"name":"get_weather","args":%s},"thoughtSignature":"skip_thought_signature_validator"},
                   {"functionCall":{"name":"get_time","args":%s}}]},
                 {"role":"user","parts":[
                   {"functionResponse":{"name":"get_weather","response":{"result":"18C and sunny"}}},
                   {"functionResponse":{"name":"get_time","response":{"result":"14:05"}}}]}]""".formatted(QUESTION, PARIS, CET)));
    }
}
