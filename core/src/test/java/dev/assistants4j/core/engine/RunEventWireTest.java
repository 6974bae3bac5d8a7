package dev.assistants4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.domain.FileCitationAnnotation;
import dev.assistants4j.core.domain.FilePathAnnotation;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.domain.StepToolCall;
import dev.assistants4j.core.domain.Usage;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.ServiceUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire form of run events and run steps, byte for byte as the streams and the steps routes send them. */
class RunEventWireTest {

    private static final String TOOL_CALLS = "{\"id\":\"step_1\",\"object\":\"thread.run.step.delta\","
            + "\"delta\":{\"step_details\":{\"type\":\"tool_calls\",\"tool_calls\":[";

    @Test
    void message_deltas_carry_text_annotations_by_index_and_images() {
        var citation =
                new FileCitationAnnotation("【4:0†a.txt】", new FileCitationAnnotation.FileCitation("file-1"), 3, 13);
        var path = new FilePathAnnotation("sandbox:/mnt/data/x.csv", new FilePathAnnotation.FilePath("file-9"), 1, 5);

        assertThat(RunEventWire.data(MessageDelta.text("msg_1", 1, "a \"b\"", 2, List.of(citation)), false))
                .isEqualTo("{\"id\":\"msg_1\",\"object\":\"thread.message.delta\",\"delta\":{\"content\":[{\"index\":1,"
                        + "\"type\":\"text\",\"text\":{\"value\":\"a \\\"b\\\"\",\"annotations\":[{\"index\":2,"
                        + "\"type\":\"file_citation\",\"text\":\"【4:0†a.txt】\",\"start_index\":3,\"end_index\":13,"
                        + "\"file_citation\":{\"file_id\":\"file-1\"}}]}}]}}");
        assertThat(RunEventWire.data(MessageDelta.text("msg_2", 0, "", 3, List.of(path)), false))
                .isEqualTo("{\"id\":\"msg_2\",\"object\":\"thread.message.delta\",\"delta\":{\"content\":[{\"index\":0,"
                        + "\"type\":\"text\",\"text\":{\"value\":\"\",\"annotations\":[{\"index\":3,\"type\":\"file_path\","
                        + "\"text\":\"sandbox:/mnt/data/x.csv\",\"start_index\":1,\"end_index\":5,"
                        + "\"file_path\":{\"file_id\":\"file-9\"}}]}}]}}");
        assertThat(RunEventWire.data(MessageDelta.images("msg_3", List.of("file-a", "file-b")), false))
                .isEqualTo("{\"id\":\"msg_3\",\"object\":\"thread.message.delta\",\"delta\":{\"content\":["
                        + "{\"index\":0,\"type\":\"image_file\",\"image_file\":{\"file_id\":\"file-a\"}},"
                        + "{\"index\":1,\"type\":\"image_file\",\"image_file\":{\"file_id\":\"file-b\"}}]}}");
    }

    @Test
    void step_deltas_name_a_call_once_then_carry_only_what_is_new() {
        assertThat(RunEventWire.data(StepDelta.fileSearch("step_1", 0, "call_1"), false))
                .isEqualTo(
                        TOOL_CALLS + "{\"index\":0,\"id\":\"call_1\",\"type\":\"file_search\",\"file_search\":{}}]}}}");
        assertThat(RunEventWire.data(StepDelta.functionStart("step_1", 1, "call_2", "f", "{\"a"), false))
                .isEqualTo(TOOL_CALLS + "{\"index\":1,\"id\":\"call_2\",\"type\":\"function\",\"function\":"
                        + "{\"name\":\"f\",\"arguments\":\"{\\\"a\",\"output\":null}}]}}}");
        assertThat(RunEventWire.data(StepDelta.functionArguments("step_1", 1, "1}"), false))
                .isEqualTo(TOOL_CALLS + "{\"index\":1,\"type\":\"function\",\"function\":{\"arguments\":\"1}\"}}]}}}");
        assertThat(RunEventWire.data(StepDelta.codeStart("step_1", 2, "call_3", "print("), false))
                .isEqualTo(TOOL_CALLS + "{\"index\":2,\"id\":\"call_3\",\"type\":\"code_interpreter\","
                        + "\"code_interpreter\":{\"input\":\"print(\",\"outputs\":[]}}]}}}");
        assertThat(RunEventWire.data(StepDelta.codeInput("step_1", 2, "1)"), false))
                .isEqualTo(TOOL_CALLS
                        + "{\"index\":2,\"type\":\"code_interpreter\",\"code_interpreter\":{\"input\":\"1)\"}}]}}}");
        List<StepToolCall.CodeOutput> outputs = List.of(
                new StepToolCall.LogsOutput("1\n"), new StepToolCall.ImageOutput(new StepToolCall.ImageRef("file-i")));
        assertThat(RunEventWire.data(StepDelta.codeOutputs("step_1", 2, outputs), false))
                .isEqualTo(TOOL_CALLS + "{\"index\":2,\"type\":\"code_interpreter\",\"code_interpreter\":{\"outputs\":["
                        + "{\"index\":0,\"type\":\"logs\",\"logs\":\"1\\n\"},"
                        + "{\"index\":1,\"type\":\"image\",\"image\":{\"file_id\":\"file-i\"}}]}}]}}}");
    }

    @Test
    void a_step_hides_usage_while_in_progress_its_trace_always_and_result_content_unless_included() {
        RunStep searching = step(RunStepStatus.IN_PROGRESS);
        RunStep searched = searching.finish(RunStepStatus.COMPLETED, 20, null, new Usage(1, 2, 3));

        assertThat(RunEventWire.step(searching, true).get("usage").isNull()).isTrue();
        assertThat(RunEventWire.step(searched, true).at("/usage/total_tokens").asInt())
                .isEqualTo(3);
        assertThat(RunEventWire.step(searched, true)
                        .at("/step_details/tool_calls/0")
                        .has("trace"))
                .isFalse();
        assertThat(RunEventWire.step(searched, true)
                        .at("/step_details/tool_calls/0/file_search/results/0/content/0/text")
                        .asText())
                .isEqualTo("chunk");
        assertThat(RunEventWire.step(searched, false)
                        .at("/step_details/tool_calls/0/file_search/results/0")
                        .has("content"))
                .isFalse();
        assertThat(RunEventWire.data(new RunEvent.StepStatusChanged(searched), false))
                .isEqualTo(RunEventWire.step(searched, false).toString());
    }

    @Test
    void names_follow_the_objects_status_and_only_ends_close_the_stream() {
        RunStep step = step(RunStepStatus.IN_PROGRESS);
        assertThat(new RunEvent.StepCreated(step).event()).isEqualTo("thread.run.step.created");
        assertThat(new RunEvent.StepStatusChanged(step).event()).isEqualTo("thread.run.step.in_progress");
        assertThat(new RunEvent.StepStatusChanged(step.finish(RunStepStatus.EXPIRED, 2, null, null)).event())
                .isEqualTo("thread.run.step.expired");
        RunEvent.Error error = RunEvent.Error.of(new ServiceUnavailableException("The disk is full.", null, null));
        assertThat(error.event()).isEqualTo("error");
        assertThat(error.closesStream()).isTrue();
        assertThat(RunEventWire.data(error, false))
                .startsWith("{\"error\":{\"message\":\"The disk is full.\",\"type\":");
        assertThat(new RunEvent.StepCreated(step).closesStream()).isFalse();
    }

    @Test
    void include_accepts_only_file_search_content() {
        assertThat(RunEventWire.fileSearchContent(List.of())).isFalse();
        assertThat(RunEventWire.fileSearchContent(List.of(RunEventWire.FILE_SEARCH_CONTENT)))
                .isTrue();
        assertThatThrownBy(() -> RunEventWire.fileSearchContent(List.of("step_details")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Invalid value for 'include[]': 'step_details'");
    }

    private static RunStep step(RunStepStatus status) {
        String json = """
                {"id":"step_1","created_at":10,"assistant_id":"asst_1","thread_id":"thread_1","run_id":"run_1",
                 "status":"%s","usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3},
                 "step_details":{"type":"tool_calls","tool_calls":[{"id":"call_1","type":"file_search",
                   "file_search":{"ranking_options":{"ranker":"auto","score_threshold":0.0},
                     "results":[{"file_id":"file-1","file_name":"a.txt","score":0.5,
                       "content":[{"type":"text","text":"chunk"}]}]},
                   "trace":{"arguments":"{}","turn":0}}]}}
                """.formatted(status.wireName());
        try {
            return Json.MAPPER.readValue(json, RunStep.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
