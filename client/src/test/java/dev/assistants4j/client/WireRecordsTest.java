package dev.assistants4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.client.model.Annotation;
import dev.assistants4j.client.model.Assistant;
import dev.assistants4j.client.model.Message;
import dev.assistants4j.client.model.MessageContent;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.model.RunStep;
import dev.assistants4j.client.model.StepDetails;
import dev.assistants4j.client.model.Tool;
import dev.assistants4j.client.model.ToolCall;
import dev.assistants4j.client.model.VectorStoreFileBatch;
import dev.assistants4j.client.model.VectorStoreSearchPage;
import org.junit.jupiter.api.Test;

/** The records read real wire JSON (OpenAI's documented examples), ignoring what they do not know. */
class WireRecordsTest {

    @Test
    void assistant_with_every_tool_kind_and_an_unknown_one_and_unknown_fields() {
        Assistant assistant = Wire.read(Wire.parse("""
                        {"id":"asst_abc123","object":"assistant","created_at":1698984975,"name":"Math Tutor",
                         "description":null,"model":"gpt-4o","instructions":"You are a personal math tutor.",
                         "tools":[{"type":"code_interpreter"},{"type":"file_search","file_search":{"max_num_results":5}},
                                  {"type":"function","function":{"name":"f","description":"d",
                                   "parameters":{"type":"object"},"strict":true}},
                                  {"type":"web_browser","web_browser":{}}],
                         "tool_resources":{"code_interpreter":{"file_ids":["file-1"]}},
                         "metadata":{"k":"v"},"top_p":1.0,"temperature":0.5,"response_format":"auto",
                         "reasoning_effort":"medium","a_field_of_2030":{"x":1}}"""), Assistant.class);

        assertThat(assistant.tools())
                .containsExactly(
                        new Tool.CodeInterpreterTool(),
                        new Tool.FileSearchTool(Wire.parse("{\"max_num_results\":5}")),
                        new Tool.FunctionTool(
                                new Tool.FunctionDefinition("f", "d", Wire.parse("{\"type\":\"object\"}"), true)),
                        new Tool.Other("web_browser"));
        assertThat(assistant.toolResources().codeInterpreter().fileIds()).containsExactly("file-1");
        assertThat(assistant.metadata()).containsEntry("k", "v");
        assertThat(assistant.temperature()).isEqualTo(0.5);
        assertThat(assistant.responseFormat().asText()).isEqualTo("auto");
    }

    @Test
    void message_with_annotated_text_an_image_a_refusal_and_an_unknown_part() {
        Message message = Wire.read(Wire.parse("""
                        {"id":"msg_abc123","object":"thread.message","created_at":1699017614,"assistant_id":null,
                         "thread_id":"thread_abc123","run_id":null,"role":"assistant","status":"completed",
                         "content":[{"type":"text","text":{"value":"See [1] and sandbox:/a.csv","annotations":[
                             {"type":"file_citation","text":"[1]","start_index":4,"end_index":7,
                              "file_citation":{"file_id":"file-cited"}},
                             {"type":"file_path","text":"sandbox:/a.csv","start_index":12,"end_index":26,
                              "file_path":{"file_id":"file-written"}}]}},
                           {"type":"image_file","image_file":{"file_id":"file-img","detail":"auto"}},
                           {"type":"refusal","refusal":"No."},
                           {"type":"audio","audio":{}}],
                         "attachments":[{"file_id":"file-doc","tools":[{"type":"file_search"}]}],"metadata":{}}"""), Message.class);

        assertThat(message.content()).hasSize(4);
        var text = (MessageContent.TextContent) message.content().getFirst();
        assertThat(text.text().annotations())
                .containsExactly(
                        new Annotation.FileCitation("[1]", new Annotation.FileRef("file-cited"), 4, 7),
                        new Annotation.FilePath("sandbox:/a.csv", new Annotation.FileRef("file-written"), 12, 26));
        assertThat(message.content().get(1))
                .isEqualTo(new MessageContent.ImageFileContent(new MessageContent.ImageFile("file-img", "auto")));
        assertThat(message.content().get(2)).isEqualTo(new MessageContent.RefusalContent("No."));
        assertThat(message.content().get(3)).isEqualTo(new MessageContent.Other("audio"));
        assertThat(message.text()).isEqualTo("See [1] and sandbox:/a.csv");
        assertThat(message.attachments().getFirst().tools()).containsExactly(new Tool.FileSearchTool(null));
    }

    @Test
    void run_requiring_action_with_usage_and_error_fields() {
        Run run = Wire.read(Wire.parse("""
                        {"id":"run_123","object":"thread.run","created_at":1699075592,"assistant_id":"asst_123",
                         "thread_id":"thread_123","status":"requires_action","started_at":1699075592,
                         "expires_at":1699076192,"cancelled_at":null,"failed_at":null,"completed_at":null,
                         "last_error":{"code":"rate_limit_exceeded","message":"slow down"},
                         "incomplete_details":{"reason":"max_prompt_tokens"},
                         "required_action":{"type":"submit_tool_outputs","submit_tool_outputs":{"tool_calls":[
                           {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                           {"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]}},
                         "model":"gpt-4o","instructions":null,"tools":[],"metadata":{},
                         "usage":{"prompt_tokens":345,"completion_tokens":11,"total_tokens":356},
                         "temperature":1.0,"top_p":1.0,"max_prompt_tokens":1000,"max_completion_tokens":1000,
                         "truncation_strategy":{"type":"auto","last_messages":null},"response_format":"auto",
                         "tool_choice":"auto","parallel_tool_calls":true}"""), Run.class);

        assertThat(run.status()).isEqualTo(RunStatus.REQUIRES_ACTION);
        assertThat(run.toolCallsToAnswer())
                .extracting(ToolCall.FunctionToolCall::name, ToolCall.FunctionToolCall::arguments)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("get_weather", "{\"city\":\"Paris\"}"),
                        org.assertj.core.groups.Tuple.tuple("get_time", "{}"));
        assertThat(run.usage().totalTokens()).isEqualTo(356);
        assertThat(run.lastError().code()).isEqualTo("rate_limit_exceeded");
        assertThat(run.incompleteDetails().reason()).isEqualTo("max_prompt_tokens");
        assertThat(run.truncationStrategy().path("type").asText()).isEqualTo("auto");
        assertThat(run.parallelToolCalls()).isTrue();
    }

    @Test
    void an_unknown_run_status_reads_as_unknown_and_is_not_terminal() {
        Run run = Wire.read(Wire.parse("{\"id\":\"run_1\",\"status\":\"paused_for_review\"}"), Run.class);

        assertThat(run.status()).isEqualTo(RunStatus.UNKNOWN);
        assertThat(run.status().terminal()).isFalse();
        assertThat(RunStatus.of("in_progress")).isEqualTo(RunStatus.IN_PROGRESS);
        assertThat(RunStatus.INCOMPLETE.wire()).isEqualTo("incomplete");
    }

    @Test
    void run_step_with_code_interpreter_file_search_and_function_calls() {
        RunStep step = Wire.read(Wire.parse("""
                        {"id":"step_abc123","object":"thread.run.step","created_at":1699063291,"run_id":"run_abc123",
                         "assistant_id":"asst_abc123","thread_id":"thread_abc123","type":"tool_calls",
                         "status":"completed","cancelled_at":null,"completed_at":1699063291,"expired_at":null,
                         "failed_at":null,"last_error":null,
                         "step_details":{"type":"tool_calls","tool_calls":[
                           {"id":"call_ci","type":"code_interpreter","code_interpreter":{"input":"print(1+1)",
                             "outputs":[{"type":"logs","logs":"2\\n"},{"type":"image","image":{"file_id":"file-png"}}]}},
                           {"id":"call_fs","type":"file_search","file_search":{"ranking_options":{"ranker":"auto",
                             "score_threshold":0.0},"results":[{"file_id":"file-1","file_name":"a.md","score":0.9,
                             "content":[{"type":"text","text":"chunk"}]}]}},
                           {"id":"call_fn","type":"function","function":{"name":"f","arguments":"{}","output":"ok"}}]},
                         "usage":{"prompt_tokens":123,"completion_tokens":456,"total_tokens":579}}"""), RunStep.class);

        var calls = ((StepDetails.ToolCalls) step.stepDetails()).toolCalls();
        var code = (ToolCall.CodeInterpreterToolCall) calls.get(0);
        assertThat(code.input()).isEqualTo("print(1+1)");
        assertThat(code.outputs()).extracting(ToolCall.CodeOutput::type).containsExactly("logs", "image");
        assertThat(code.outputs().get(1).image().fileId()).isEqualTo("file-png");
        var search = (ToolCall.FileSearchToolCall) calls.get(1);
        assertThat(search.results().getFirst().fileName()).isEqualTo("a.md");
        assertThat(search.results().getFirst().content().get(0).path("text").asText())
                .isEqualTo("chunk");
        var function = (ToolCall.FunctionToolCall) calls.get(2);
        assertThat(function.output()).isEqualTo("ok");
        assertThat(step.usage().promptTokens()).isEqualTo(123);
    }

    @Test
    void message_creation_step_batches_and_search_pages() {
        RunStep step = Wire.read(Wire.parse("""
                        {"id":"step_1","type":"message_creation","status":"in_progress",
                         "step_details":{"type":"message_creation","message_creation":{"message_id":"msg_1"}}}"""), RunStep.class);
        VectorStoreFileBatch batch = Wire.read(Wire.parse("""
                        {"id":"vsfb_1","object":"vector_store.files_batch","created_at":1699061776,
                         "vector_store_id":"vs_1","status":"completed",
                         "file_counts":{"in_progress":0,"completed":2,"failed":1,"cancelled":0,"total":3}}"""), VectorStoreFileBatch.class);
        VectorStoreSearchPage page = Wire.read(Wire.parse("""
                        {"object":"vector_store.search_results.page","search_query":"what is the return policy?",
                         "data":[{"file_id":"file_123","filename":"document.pdf","score":0.95,
                                  "attributes":{"author":"John Doe"},
                                  "content":[{"type":"text","text":"Relevant chunk"}]}],
                         "has_more":false,"next_page":null}"""), VectorStoreSearchPage.class);

        assertThat(((StepDetails.MessageCreation) step.stepDetails()).messageId())
                .isEqualTo("msg_1");
        assertThat(batch.fileCounts().failed()).isEqualTo(1);
        assertThat(page.data().getFirst().content().getFirst().text()).isEqualTo("Relevant chunk");
        assertThat(page.data().getFirst().score()).isEqualTo(0.95);
    }

    @Test
    void a_step_of_an_unknown_kind_reads_as_other_and_a_wrong_shape_is_an_error() {
        RunStep step =
                Wire.read(Wire.parse("{\"id\":\"step_1\",\"step_details\":{\"type\":\"reasoning\"}}"), RunStep.class);

        assertThat(step.stepDetails()).isEqualTo(new StepDetails.Other("reasoning"));
        assertThatThrownBy(
                        () -> Wire.read(Wire.parse("{\"id\":\"step_1\",\"created_at\":\"yesterday\"}"), RunStep.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RunStep");
    }
}
