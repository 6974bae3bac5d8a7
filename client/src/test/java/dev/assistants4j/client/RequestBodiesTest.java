package dev.assistants4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.client.model.Tool;
import dev.assistants4j.client.model.ToolResources;
import dev.assistants4j.client.params.AssistantParams;
import dev.assistants4j.client.params.ListParams;
import dev.assistants4j.client.params.MessageParams;
import dev.assistants4j.client.params.RunParams;
import dev.assistants4j.client.params.SearchParams;
import dev.assistants4j.client.params.ThreadParams;
import dev.assistants4j.client.params.ToolOutput;
import dev.assistants4j.client.params.VectorStoreParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The requests the client sends: the paths, queries and JSON bodies OpenAI's SDKs send for the same calls. */
class RequestBodiesTest {

    private static final String ASSISTANT = """
            {"id":"asst_1","object":"assistant","created_at":1,"model":"gpt-4o","tools":[],"metadata":{}}""";
    private static final String RUN = """
            {"id":"run_1","object":"thread.run","created_at":1,"thread_id":"thread_1","assistant_id":"asst_1",
             "status":"completed"}""";

    private final FakeTransport transport = new FakeTransport();
    private final Assistants4j client = Assistants4j.over(transport);

    @Test
    void createAssistant_sends_snake_case_without_nulls_with_typed_tools() {
        transport.answer(ASSISTANT);

        client.createAssistant(AssistantParams.builder("gpt-4o")
                .name("Math Tutor")
                .instructions("You are a personal math tutor.")
                .tool(Tool.codeInterpreter())
                .tool(Tool.fileSearch())
                .tool(Tool.function("get_weather", "Weather of a city", Wire.parse("{\"type\":\"object\"}")))
                .toolResources(ToolResources.fileSearch(List.of("vs_1")))
                .topP(0.5)
                .metadata("team", "math")
                .extra("reasoning_effort", "low")
                .build());

        assertThat(transport.last().method()).isEqualTo(ApiRequest.Method.POST);
        assertThat(transport.last().path()).isEqualTo("/assistants");
        assertThat(transport.body(0)).isEqualTo(Wire.parse("""
                        {"model":"gpt-4o","name":"Math Tutor","instructions":"You are a personal math tutor.",
                         "tools":[{"type":"code_interpreter"},{"type":"file_search"},
                                  {"type":"function","function":{"name":"get_weather","description":"Weather of a city",
                                   "parameters":{"type":"object"}}}],
                         "tool_resources":{"file_search":{"vector_store_ids":["vs_1"]}},
                         "top_p":0.5,"metadata":{"team":"math"},"reasoning_effort":"low"}"""));
    }

    @Test
    void createThread_sends_messages_with_their_extras_and_attachments() {
        transport.answer("{\"id\":\"thread_1\",\"object\":\"thread\",\"created_at\":1}");

        client.createThread(ThreadParams.builder()
                .message(MessageParams.user("Hello"))
                .message(MessageParams.builder()
                        .parts(List.of(MessageParams.textPart("Look:"), MessageParams.imageFilePart("file_img")))
                        .attachment("file_doc", Tool.fileSearch())
                        .extra("x_note", 1)
                        .build())
                .metadata(Map.of("k", "v"))
                .build());

        assertThat(transport.body(0)).isEqualTo(Wire.parse("""
                        {"messages":[{"role":"user","content":"Hello"},
                          {"role":"user","content":[{"type":"text","text":"Look:"},
                                                    {"type":"image_file","image_file":{"file_id":"file_img"}}],
                           "attachments":[{"file_id":"file_doc","tools":[{"type":"file_search"}]}],"x_note":1}],
                         "metadata":{"k":"v"}}"""));
    }

    @Test
    void addMessage_with_text_sends_a_user_message_and_escapes_the_thread_id() {
        transport.answer("{\"id\":\"msg_1\",\"object\":\"thread.message\",\"created_at\":1,\"role\":\"user\"}");

        client.addMessage("thread 1/x", "What is 3x+11=14?");

        assertThat(transport.last().path()).isEqualTo("/threads/thread%201%2Fx/messages");
        assertThat(transport.body(0)).isEqualTo(Wire.parse("{\"role\":\"user\",\"content\":\"What is 3x+11=14?\"}"));
    }

    @Test
    void createRun_sends_every_typed_field_and_the_include_query() {
        transport.answer(RUN);

        client.createRun(
                "thread_1",
                RunParams.builder("asst_1")
                        .model("gpt-4o-mini")
                        .instructions("Be brief.")
                        .additionalInstructions("Address the user as Jane.")
                        .additionalMessage(MessageParams.user("And 2+2?"))
                        .temperature(0.2)
                        .maxPromptTokens(1000)
                        .maxCompletionTokens(200)
                        .truncationStrategy(Wire.parse("{\"type\":\"last_messages\",\"last_messages\":4}"))
                        .toolChoice(Wire.parse("\"required\""))
                        .parallelToolCalls(false)
                        .responseFormat(Wire.parse("{\"type\":\"json_object\"}"))
                        .fileSearchContent(true)
                        .metadata("a", "b")
                        .build());

        assertThat(transport.last().path()).isEqualTo("/threads/thread_1/runs");
        assertThat(transport.last().query())
                .containsExactly(new ApiRequest.QueryParam("include[]", DefaultAssistants4j.FILE_SEARCH_CONTENT));
        assertThat(transport.body(0)).isEqualTo(Wire.parse("""
                        {"assistant_id":"asst_1","model":"gpt-4o-mini","instructions":"Be brief.",
                         "additional_instructions":"Address the user as Jane.",
                         "additional_messages":[{"role":"user","content":"And 2+2?"}],
                         "metadata":{"a":"b"},"temperature":0.2,"max_prompt_tokens":1000,"max_completion_tokens":200,
                         "truncation_strategy":{"type":"last_messages","last_messages":4},"tool_choice":"required",
                         "parallel_tool_calls":false,"response_format":{"type":"json_object"}}"""));
    }

    @Test
    void streamed_calls_add_stream_true_and_thread_and_run_nests_the_thread() {
        transport.stream().stream();

        client.createThreadAndRunStream(
                        ThreadParams.builder().message(MessageParams.user("Hi")).build(), RunParams.of("asst_1"))
                .close();
        client.submitToolOutputsStream("thread_1", "run_1", List.of(new ToolOutput("call_1", "42")))
                .close();

        assertThat(transport.requests.get(0).path()).isEqualTo("/threads/runs");
        assertThat(transport.body(0)).isEqualTo(Wire.parse("""
                        {"assistant_id":"asst_1","thread":{"messages":[{"role":"user","content":"Hi"}]},
                         "stream":true}"""));
        assertThat(transport.requests.get(1).path()).isEqualTo("/threads/thread_1/runs/run_1/submit_tool_outputs");
        assertThat(transport.body(1))
                .isEqualTo(Wire.parse(
                        "{\"tool_outputs\":[{\"tool_call_id\":\"call_1\",\"output\":\"42\"}],\"stream\":true}"));
    }

    @Test
    void list_calls_send_their_cursor_query_and_the_next_page_continues_after_the_last_id() {
        transport.answer("""
                {"object":"list","data":[%s],"first_id":"asst_1","last_id":"asst_1","has_more":true}""".formatted(ASSISTANT));
        transport.answer("{\"object\":\"list\",\"data\":[],\"has_more\":false}");

        var page = client.getAssistants(ListParams.DEFAULT.limit(1).order("asc").before("asst_9"));
        var next = page.nextPage().orElseThrow();

        assertThat(page.data()).extracting("id").containsExactly("asst_1");
        assertThat(transport.requests.get(0).query())
                .containsExactly(
                        new ApiRequest.QueryParam("limit", "1"),
                        new ApiRequest.QueryParam("order", "asc"),
                        new ApiRequest.QueryParam("before", "asst_9"));
        assertThat(transport.requests.get(1).query())
                .containsExactly(
                        new ApiRequest.QueryParam("limit", "1"),
                        new ApiRequest.QueryParam("order", "asc"),
                        new ApiRequest.QueryParam("after", "asst_1"));
        assertThat(next.hasMore()).isFalse();
        assertThat(next.nextPage()).isEmpty();
    }

    @Test
    void vector_store_calls_send_the_sdk_bodies() {
        transport.answer("{\"id\":\"vs_1\",\"object\":\"vector_store\",\"created_at\":1}");
        transport.answer("{\"object\":\"vector_store.search_results.page\",\"search_query\":\"q\",\"data\":[]}");
        transport.answer("{\"id\":\"vsfb_1\",\"object\":\"vector_store.files_batch\",\"status\":\"in_progress\"}");
        transport.answer("{\"id\":\"run_1\",\"object\":\"thread.run\",\"status\":\"cancelling\"}");

        client.createVectorStore(VectorStoreParams.builder()
                .name("docs")
                .fileIds(List.of("file_1"))
                .chunkingStrategy(Wire.parse("{\"type\":\"auto\"}"))
                .build());
        client.searchVectorStore("vs_1", SearchParams.of("q").maxNumResults(3));
        client.createFileBatch("vs_1", List.of("file_1", "file_2"));
        client.cancelRun("thread_1", "run_1");

        assertThat(transport.body(0))
                .isEqualTo(Wire.parse(
                        "{\"name\":\"docs\",\"file_ids\":[\"file_1\"],\"chunking_strategy\":{\"type\":\"auto\"}}"));
        assertThat(transport.requests.get(1).path()).isEqualTo("/vector_stores/vs_1/search");
        assertThat(transport.body(1)).isEqualTo(Wire.parse("{\"query\":\"q\",\"max_num_results\":3}"));
        assertThat(transport.body(2)).isEqualTo(Wire.parse("{\"file_ids\":[\"file_1\",\"file_2\"]}"));
        assertThat(transport.requests.get(3).path()).isEqualTo("/threads/thread_1/runs/run_1/cancel");
        assertThat(transport.requests.get(3).body()).isEqualTo(RequestBody.NONE);
    }

    @Test
    void uploadFile_sends_a_multipart_upload_with_its_purpose() {
        transport.answer("{\"id\":\"file_1\",\"object\":\"file\",\"bytes\":5,\"filename\":\"notes.txt\"}");

        var file = client.uploadFile("notes.txt", "hello".getBytes(), "assistants");

        var upload = (RequestBody.FileUpload) transport.last().body();
        assertThat(transport.last().path()).isEqualTo("/files");
        assertThat(upload.filename()).isEqualTo("notes.txt");
        assertThat(upload.contentType()).isEqualTo("text/plain");
        assertThat(upload.fields()).containsExactly(Map.entry("purpose", "assistants"));
        assertThat(file.bytes()).isEqualTo(5);
    }
}
