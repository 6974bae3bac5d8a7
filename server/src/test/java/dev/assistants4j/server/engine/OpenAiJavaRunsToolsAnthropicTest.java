package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenAiJavaRunsToolsTest} with the assistant's model routed to {@code anthropic/…} on the fake's Messages
 * API: the parallel calls arrive as {@code tool_use} blocks with their input split over several deltas, and the
 * submitted outputs go back as one user turn of {@code tool_result} blocks.
 */
class OpenAiJavaRunsToolsAnthropicTest extends OpenAiJavaRunsToolsTest {

    @Override
    ServerExtension extension() {
        return super.extension().config((upstream, dir) -> EngineTestSupport.routingToAnthropic(upstream));
    }

    @Override
    @Test
    void submitted_outputs_reach_upstream_as_tool_messages() {
        // when
        Submitted submitted = submitOutputsToChatPath(path -> path.equals("/v1/messages"));

        // then
        List<RecordedRequest> requests = submitted.requests();
        List<String> ids = submitted.ids();
        JsonNode second = requests.get(1).body();
        assertThat(second.path("system").asText()).isEqualTo("Use the tools.");
        assertThat(second.path("tools"))
                .extracting(tool -> tool.path("name").asText())
                .containsExactly("get_weather", "get_time");
        assertThat(second.path("messages"))
                .isEqualTo(json("""
                [{"role":"user","content":[{"type":"text","text":"%s"}]},
                 {"role":"assistant","content":[
                   {"type":"tool_use","id":"%s","name":"get_weather","input":%s},
                   {"type":"tool_use","id":"%s","name":"get_time","input":%s}]},
                 {"role":"user","content":[
                   {"type":"tool_result","tool_use_id":"%s","content":"18C and sunny"},
                   {"type":"tool_result","tool_use_id":"%s","content":"14:05"}]}]""".formatted(QUESTION, ids.get(0), PARIS, ids.get(1), CET, ids.get(0), ids.get(1))));
    }
}
