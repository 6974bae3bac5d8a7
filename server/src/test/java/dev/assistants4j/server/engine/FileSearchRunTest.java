package dev.assistants4j.server.engine;

import static dev.assistants4j.server.engine.RunHttp.names;
import static dev.assistants4j.server.engine.RunHttp.ok;
import static dev.assistants4j.server.engine.RunHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.search.FileSearchResult;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.server.engine.RunHttp.Event;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The file_search tool inside runs, over raw HTTP: the engine runs the model's file_search calls itself, records
 * them as a tool_calls step (streamed as OpenAI did), feeds the results to the next model call, and turns the
 * {@code 【t:n†file】} markers of the answer into file_citation annotations.
 */
class FileSearchRunTest {

    /** {@code include[]=step_details.tool_calls[*].file_search.results[*].content}, URL-encoded. */
    static final String INCLUDE = "include%5B%5D=step_details.tool_calls%5B*%5D.file_search.results%5B*%5D.content";

    private static final String QUERY = "capital of France";
    private static final String SEARCH_ARGS = "{\"queries\":[\"" + QUERY + "\"]}";
    private static final String PARIS_MARKER = "【0:0†paris.txt】";
    private static final String LYON_MARKER = "【0:1†lyon.md】";

    private final StubFileSearch search = new StubFileSearch();

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream().fileSearch(search);

    /** Empty vector stores the thread and the assistant name (the stub search answers for them). */
    private String threadStore;

    private String assistantStore;

    @BeforeEach
    void start() {
        threadStore = vectorStore();
        assistantStore = vectorStore();
    }

    @Test
    void a_streamed_run_searches_files_then_answers_with_the_events_openai_sent() {
        // given
        server.upstream()
                .enqueue(Reply.toolCalls(ToolCall.of("file_search", SEARCH_ARGS)), Reply.text("Paris ", "is it."));
        String threadId = thread();

        // when
        List<Event> events = server.runHttp().streamRun(threadId, assistant("[{'type':'file_search'}]"), "");

        // then
        List<String> expected = new ArrayList<>(RunHttp.UNTIL_TOOL_CALL_DELTA);
        expected.addAll(RunHttp.AFTER_TOOL_CALL_DELTAS);
        assertThat(names(events)).containsExactlyElementsOf(expected);
        JsonNode created = events.get(3).data();
        assertThat(created.get("type").asText()).isEqualTo("tool_calls");
        assertThat(created.at("/step_details/tool_calls")).isEmpty();
        JsonNode delta = events.get(5).data();
        assertThat(delta.get("id").asText()).isEqualTo(created.get("id").asText());
        JsonNode call = delta.at("/delta/step_details/tool_calls/0");
        String callId = call.get("id").asText();
        assertThat(callId).startsWith("call_");
        assertThat(call)
                .isEqualTo(
                        parse("{\"index\":0,\"id\":\"" + callId + "\",\"type\":\"file_search\",\"file_search\":{}}"));
        JsonNode completed = events.get(6).data();
        assertThat(completed.get("status").asText()).isEqualTo("completed");
        assertThat(completed.get("usage").isObject()).isTrue();
        assertThat(completed.at("/step_details/tool_calls/0"))
                .isEqualTo(parse("{\"id\":\"" + callId + "\",\"type\":\"file_search\",\"file_search\":{"
                        + "\"ranking_options\":{\"ranker\":\"default_2024_08_21\",\"score_threshold\":0.0},"
                        + "\"results\":[{\"file_id\":\"file-paris\",\"file_name\":\"paris.txt\",\"score\":0.9},"
                        + "{\"file_id\":\"file-lyon\",\"file_name\":\"lyon.md\",\"score\":0.6}]}}"));
        assertThat(events.get(15).data().get("status").asText()).isEqualTo("completed");
    }

    @Test
    void include_on_a_streamed_run_puts_the_result_content_into_step_completed() {
        // given
        server.upstream().enqueue(Reply.toolCalls(ToolCall.of("file_search", SEARCH_ARGS)), Reply.text("Paris."));

        // when
        List<Event> events = server.runHttp().streamRun(thread(), assistant("[{'type':'file_search'}]"), "?" + INCLUDE);

        // then
        JsonNode completed = events.stream()
                .filter(event -> event.event().equals("thread.run.step.completed"))
                .findFirst()
                .orElseThrow()
                .data();
        assertThat(completed.at("/step_details/tool_calls/0/file_search/results/0/content"))
                .isEqualTo(parse("[{\"type\":\"text\",\"text\":\"Paris is the capital of France.\"}]"));
        assertThat(completed.at("/step_details/tool_calls/0").has("trace")).isFalse();
    }

    @Test
    void run_steps_show_the_result_content_only_when_included() {
        // given
        server.upstream().enqueue(Reply.toolCalls(ToolCall.of("file_search", SEARCH_ARGS)), Reply.text("Paris."));
        String threadId = thread();
        String runId = server.runHttp().completedRun(threadId, assistant("[{'type':'file_search'}]"), "");
        String steps = "/threads/" + threadId + "/runs/" + runId + "/steps";

        // when
        JsonNode plain = ok(server.runHttp().get(steps + "?order=asc"));
        JsonNode included = ok(server.runHttp().get(steps + "?order=asc&" + INCLUDE));
        String toolStepId = plain.at("/data/0/id").asText();
        JsonNode retrieved = ok(server.runHttp().get(steps + "/" + toolStepId));
        JsonNode retrievedIncluded = ok(server.runHttp().get(steps + "/" + toolStepId + "?" + INCLUDE));

        // then
        assertThat(plain.get("data")).hasSize(2);
        assertThat(plain.at("/data/0/type").asText()).isEqualTo("tool_calls");
        assertThat(plain.at("/data/1/type").asText()).isEqualTo("message_creation");
        for (JsonNode step : List.of(plain.at("/data/0"), retrieved)) {
            JsonNode result = step.at("/step_details/tool_calls/0/file_search/results/0");
            assertThat(result.get("file_id").asText()).isEqualTo("file-paris");
            assertThat(result.has("content")).isFalse();
            assertThat(step.at("/step_details/tool_calls/0").has("trace")).isFalse();
        }
        for (JsonNode step : List.of(included.at("/data/0"), retrievedIncluded)) {
            assertThat(step.at("/step_details/tool_calls/0/file_search/results/1/content/0/text")
                            .asText())
                    .isEqualTo("Lyon is known for food.");
        }
        assertThat(server.runHttp().get(steps + "?include%5B%5D=nope").status()).isEqualTo(400);
    }

    @Test
    void citation_markers_become_annotations_in_the_stream_and_the_stored_message() {
        // given
        server.upstream()
                .enqueue(
                        Reply.toolCalls(ToolCall.of("file_search", SEARCH_ARGS)),
                        Reply.text(
                                "The capital is Paris",
                                " 【0",
                                ":0†par",
                                "is.txt】 and Lyon " + LYON_MARKER,
                                " is nice."));
        String value = "The capital is Paris " + PARIS_MARKER + " and Lyon " + LYON_MARKER + " is nice.";
        String threadId = thread();

        // when
        List<Event> events = server.runHttp().streamRun(threadId, assistant("[{'type':'file_search'}]"), "");

        // then
        List<JsonNode> parts = events.stream()
                .filter(event -> event.event().equals("thread.message.delta"))
                .map(event -> event.data().at("/delta/content/0"))
                .toList();
        assertThat(parts).extracting(part -> part.at("/text/value").asText()).allSatisfy(text -> {
            assertThat(text).isNotEmpty();
            assertThat(text.chars().filter(c -> c == '【').count())
                    .as("whole markers in %s", text)
                    .isEqualTo(text.chars().filter(c -> c == '】').count());
        });
        assertThat(String.join(
                        "",
                        parts.stream().map(p -> p.at("/text/value").asText()).toList()))
                .isEqualTo(value);
        List<JsonNode> streamed = new ArrayList<>();
        parts.forEach(part -> part.at("/text/annotations").forEach(streamed::add));
        int parisStart = value.indexOf(PARIS_MARKER);
        int lyonStart = value.indexOf(LYON_MARKER);
        assertThat(streamed)
                .containsExactly(
                        annotation(0, PARIS_MARKER, parisStart, "file-paris"),
                        annotation(1, LYON_MARKER, lyonStart, "file-lyon"));
        JsonNode message = server.runHttp().messages(threadId).getLast();
        assertThat(message.at("/content/0/text/value").asText()).isEqualTo(value);
        JsonNode stored = message.at("/content/0/text/annotations");
        assertThat(stored).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode expected = streamed.get(i).deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) expected).remove("index");
            assertThat(stored.get(i)).isEqualTo(expected);
            assertThat(value.substring(
                            stored.get(i).get("start_index").asInt(),
                            stored.get(i).get("end_index").asInt()))
                    .isEqualTo(stored.get(i).get("text").asText());
        }
        JsonNode completed = events.stream()
                .filter(event -> event.event().equals("thread.message.completed"))
                .findFirst()
                .orElseThrow()
                .data();
        assertThat(completed.at("/content/0/text/annotations")).isEqualTo(stored);
    }

    @Test
    void annotation_indexes_count_code_points_as_openai_did() {
        // given
        String before = "Paris \uD83C\uDDEB\uD83C\uDDF7 ";
        server.upstream()
                .enqueue(Reply.toolCalls(ToolCall.of("file_search", SEARCH_ARGS)), Reply.text(before + PARIS_MARKER));
        String threadId = thread();

        // when
        server.runHttp().completedRun(threadId, assistant("[{'type':'file_search'}]"), "");

        // then
        JsonNode annotation = server.runHttp().messages(threadId).getLast().at("/content/0/text/annotations/0");
        int start = before.codePointCount(0, before.length());
        assertThat(start).isEqualTo(before.length() - 2);
        assertThat(annotation.get("start_index").asInt()).isEqualTo(start);
        assertThat(annotation.get("end_index").asInt()).isEqualTo(start + PARIS_MARKER.length());
    }

    @Test
    void markers_that_cite_no_result_stay_plain_text() {
        // given
        server.upstream()
                .enqueue(
                        Reply.toolCalls(ToolCall.of("file_search", SEARCH_ARGS)),
                        Reply.text("See 【0:9†nothing.txt】, 【note】 and 【0:", "x】 or 【1:0†paris.txt】", " 【0:0"));
        String expected = "See 【0:9†nothing.txt】, 【note】 and 【0:x】 or 【1:0†paris.txt】 【0:0";
        String threadId = thread();

        // when
        List<Event> events = server.runHttp().streamRun(threadId, assistant("[{'type':'file_search'}]"), "");

        // then
        StringBuilder streamed = new StringBuilder();
        events.stream()
                .filter(event -> event.event().equals("thread.message.delta"))
                .forEach(event -> {
                    JsonNode text = event.data().at("/delta/content/0/text");
                    assertThat(text.get("annotations")).isEmpty();
                    streamed.append(text.get("value").asText());
                });
        assertThat(streamed.toString()).isEqualTo(expected);
        JsonNode message = server.runHttp().messages(threadId).getLast();
        assertThat(message.at("/content/0/text/value").asText()).isEqualTo(expected);
        assertThat(message.at("/content/0/text/annotations")).isEmpty();
    }

    @Test
    void the_next_model_call_gets_the_results_as_a_tool_message_and_the_citation_rule() {
        // given
        server.upstream().enqueue(Reply.toolCalls(ToolCall.of("file_search", SEARCH_ARGS)), Reply.text("Paris."));
        String threadId = thread();

        // when
        String runId = server.runHttp().completedRun(threadId, assistant("[{'type':'file_search'}]"), "");

        // then
        List<RecordedRequest> requests = OpenAiJavaRunsTest.chatRequests(server.upstream());
        assertThat(requests).hasSize(2);
        JsonNode first = requests.get(0).body();
        JsonNode tool = first.at("/tools/0");
        assertThat(first.get("tools")).hasSize(1);
        assertThat(tool.at("/function/name").asText()).isEqualTo("file_search");
        assertThat(tool.at("/function/parameters/properties/queries/type").asText())
                .isEqualTo("array");
        assertThat(first.at("/messages/0/content").asText())
                .startsWith("Be brief.")
                .contains("【");
        JsonNode messages = requests.get(1).body().get("messages");
        assertThat(OpenAiJavaRunsTest.roleAndContent(requests.get(1)))
                .hasSize(4)
                .startsWith("system: " + first.at("/messages/0/content").asText(), "user: Capital of France?");
        JsonNode assistantCall = messages.get(2).at("/tool_calls/0");
        String callId = server.runHttp()
                .steps(threadId, runId)
                .getFirst()
                .at("/step_details/tool_calls/0/id")
                .asText();
        assertThat(assistantCall.get("id").asText()).isEqualTo(callId);
        assertThat(assistantCall.at("/function/name").asText()).isEqualTo("file_search");
        assertThat(assistantCall.at("/function/arguments").asText()).isEqualTo(SEARCH_ARGS);
        JsonNode toolMessage = messages.get(3);
        assertThat(toolMessage.get("role").asText()).isEqualTo("tool");
        assertThat(toolMessage.get("tool_call_id").asText()).isEqualTo(callId);
        assertThat(toolMessage.get("content").asText())
                .contains(PARIS_MARKER + " (file: paris.txt)\nParis is the capital of France.")
                .contains(LYON_MARKER + " (file: lyon.md)\nLyon is known for food.");
        assertThat(search.calls())
                .containsExactly(
                        new StubFileSearch.Call("proj_default", List.of(threadStore, assistantStore), QUERY, 20, 0.0));
    }

    @Test
    void create_and_run_searches_the_vector_stores_of_its_tool_resources() {
        // given
        server.upstream().enqueue(Reply.toolCalls(ToolCall.of("file_search", SEARCH_ARGS)), Reply.text("Paris."));
        String assistantId = ok(server.runHttp()
                        .post("/assistants", "{'model':'gpt-4o','tools':[{'type':'file_search'}]}"))
                .get("id")
                .asText();

        // when
        JsonNode run = ok(server.runHttp()
                .post(
                        "/threads/runs",
                        "{'assistant_id':'" + assistantId
                                + "','tool_resources':{'file_search':{'vector_store_ids':['" + threadStore + "']}},"
                                + "'thread':{'messages':[{'role':'user','content':'Capital?'}]}}"));
        JsonNode done = server.runHttp()
                .awaitTerminal(run.get("thread_id").asText(), run.get("id").asText());

        // then
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(search.calls())
                .extracting(StubFileSearch.Call::vectorStoreIds)
                .containsExactly(List.of(threadStore));
    }

    @Test
    void several_queries_are_merged_keeping_the_best_score_within_max_num_results_and_the_threshold() {
        // given
        FileSearchResult other = new FileSearchResult("file-nice", "nice.txt", 0.7, "Nice is sunny.");
        search.answer("a", StubFileSearch.PARIS, StubFileSearch.LYON)
                .answer("b", new FileSearchResult("file-paris", "paris.txt", 0.95, StubFileSearch.PARIS.text()), other);
        server.upstream()
                .enqueue(
                        Reply.toolCalls(ToolCall.of("file_search", "{\"queries\":[\"a\",\"b\",\"a\"]}")),
                        Reply.text("Done."));
        String tools = "[{'type':'file_search','file_search':{'max_num_results':2,"
                + "'ranking_options':{'ranker':'auto','score_threshold':0.5}}}]";
        String threadId = thread();

        // when
        String runId = server.runHttp().completedRun(threadId, assistant(tools), "");

        // then
        JsonNode fileSearch =
                server.runHttp().steps(threadId, runId).getFirst().at("/step_details/tool_calls/0/file_search");
        assertThat(fileSearch.get("ranking_options"))
                .isEqualTo(parse("{\"ranker\":\"default_2024_08_21\",\"score_threshold\":0.5}"));
        assertThat(fileSearch.get("results"))
                .extracting(result -> result.get("file_id").asText() + "@"
                        + result.get("score").asDouble())
                .containsExactly("file-paris@0.95", "file-nice@0.7");
        assertThat(search.calls()).extracting(StubFileSearch.Call::query).containsExactly("a", "b");
        assertThat(search.calls()).allSatisfy(call -> {
            assertThat(call.maxResults()).isEqualTo(2);
            assertThat(call.scoreThreshold()).isEqualTo(0.5);
        });
    }

    @Test
    void a_turn_with_functions_and_file_search_waits_only_for_the_function_outputs() {
        // given
        server.upstream()
                .enqueue(
                        Reply.toolCalls(
                                ToolCall.of("get_weather", "{\"city\":\"Paris\"}"),
                                ToolCall.of("file_search", SEARCH_ARGS)),
                        Reply.text("Sunny in Paris."));
        String tools = "[{'type':'file_search'}," + RunHttp.WEATHER_TOOL.substring(1);
        String threadId = thread();
        String runId =
                server.runHttp().startRun(threadId, assistant(tools)).get("id").asText();

        // when
        JsonNode waiting = server.runHttp().awaitStatus(threadId, runId, "requires_action");

        // then
        List<String> required = RunHttp.callIds(waiting);
        assertThat(required).hasSize(1);
        assertThat(waiting.at("/required_action/submit_tool_outputs/tool_calls/0/function/name")
                        .asText())
                .isEqualTo("get_weather");
        JsonNode step = server.runHttp().steps(threadId, runId).getFirst();
        assertThat(step.get("status").asText()).isEqualTo("in_progress");
        JsonNode calls = step.at("/step_details/tool_calls");
        assertThat(calls).extracting(call -> call.get("type").asText()).containsExactly("function", "file_search");
        assertThat(calls.get(0).get("id").asText()).isEqualTo(required.getFirst());
        assertThat(calls.at("/1/file_search/results")).hasSize(2);
        String searchId = calls.get(1).get("id").asText();
        RunHttp.Response both = server.runHttp()
                .submit(
                        threadId,
                        runId,
                        "{'tool_outputs':[{'tool_call_id':'" + required.getFirst() + "','output':'18C'},"
                                + "{'tool_call_id':'" + searchId + "','output':'x'}]}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.error().get("param").asText()).isEqualTo("tool_outputs[1].tool_call_id");

        // when
        ok(server.runHttp().submitAll(threadId, waiting, "18C"));
        JsonNode done = server.runHttp().awaitTerminal(threadId, runId);

        // then
        assertThat(done.get("status").asText()).isEqualTo("completed");
        JsonNode completed = server.runHttp().steps(threadId, runId).getFirst();
        assertThat(completed.get("status").asText()).isEqualTo("completed");
        assertThat(completed.at("/step_details/tool_calls/0/function/output").asText())
                .isEqualTo("18C");
        assertThat(completed.at("/step_details/tool_calls/1/file_search/results"))
                .hasSize(2);
        assertThat(OpenAiJavaRunsTest.roleAndContent(
                        OpenAiJavaRunsTest.chatRequests(server.upstream()).get(1)))
                .hasSize(5)
                .element(4)
                .asString()
                .startsWith("tool: " + PARIS_MARKER);
    }

    @Test
    void tool_choice_file_search_forces_the_first_call_only() {
        // given
        server.upstream().enqueue(Reply.toolCalls(ToolCall.of("file_search", SEARCH_ARGS)), Reply.text("Paris."));
        String threadId = thread();

        // when
        server.runHttp()
                .completedRun(threadId, assistant("[{'type':'file_search'}]"), "'tool_choice':{'type':'file_search'}");

        // then
        List<RecordedRequest> requests = OpenAiJavaRunsTest.chatRequests(server.upstream());
        assertThat(requests.get(0).body().get("tool_choice"))
                .isEqualTo(parse("{\"type\":\"function\",\"function\":{\"name\":\"file_search\"}}"));
        assertThat(requests.get(1).body().get("tool_choice").asText()).isEqualTo("auto");
    }

    @Test
    void tool_choice_none_lets_the_model_call_nothing() {
        // given
        server.upstream().enqueue(Reply.text("No search."));
        String threadId = thread();

        // when
        server.runHttp().completedRun(threadId, assistant("[{'type':'file_search'}]"), "'tool_choice':'none'");

        // then
        assertThat(OpenAiJavaRunsTest.chatRequests(server.upstream())
                        .getFirst()
                        .body()
                        .get("tool_choice")
                        .asText())
                .isEqualTo("none");
        assertThat(search.calls()).isEmpty();
    }

    @Test
    void a_failing_search_gives_the_model_an_error_text_and_the_run_completes() {
        // given
        search.failWith(new IllegalStateException("index unavailable"));
        server.upstream().enqueue(Reply.toolCalls(ToolCall.of("file_search", SEARCH_ARGS)), Reply.text("Sorry."));
        String threadId = thread();

        // when
        String runId = server.runHttp().completedRun(threadId, assistant("[{'type':'file_search'}]"), "");

        // then
        JsonNode step = server.runHttp().steps(threadId, runId).getFirst();
        assertThat(step.get("status").asText()).isEqualTo("completed");
        assertThat(step.at("/step_details/tool_calls/0/file_search/results")).isEmpty();
        JsonNode toolMessage =
                OpenAiJavaRunsTest.chatRequests(server.upstream()).get(1).body().at("/messages/3");
        assertThat(toolMessage.get("role").asText()).isEqualTo("tool");
        assertThat(toolMessage.get("content").asText())
                .contains("file search failed")
                .doesNotContain("index");
    }

    @Test
    void a_second_search_numbers_its_markers_with_the_next_turn() {
        // given
        search.answer("first", StubFileSearch.PARIS).answer("second", StubFileSearch.LYON);
        server.upstream()
                .enqueue(
                        Reply.toolCalls(ToolCall.of("file_search", "{\"queries\":[\"first\"]}")),
                        Reply.toolCalls(ToolCall.of("file_search", "{\"queries\":[\"second\"]}")),
                        Reply.text("Food: 【1:0†lyon.md】"));
        String threadId = thread();

        // when
        String runId = server.runHttp().completedRun(threadId, assistant("[{'type':'file_search'}]"), "");

        // then
        assertThat(server.runHttp().steps(threadId, runId))
                .extracting(step -> step.get("type").asText())
                .containsExactly("tool_calls", "tool_calls", "message_creation");
        List<RecordedRequest> requests = OpenAiJavaRunsTest.chatRequests(server.upstream());
        assertThat(requests.get(2).body().at("/messages/5/content").asText()).startsWith("【1:0†lyon.md】");
        JsonNode annotation = server.runHttp().messages(threadId).getLast().at("/content/0/text/annotations/0");
        assertThat(annotation.at("/file_citation/file_id").asText()).isEqualTo("file-lyon");
        assertThat(annotation.get("start_index").asInt()).isEqualTo("Food: ".length());
    }

    @Test
    void a_model_that_keeps_searching_hits_the_model_call_limit() {
        // given
        server.upstream().defaultReply(Reply.toolCalls(ToolCall.of("file_search", SEARCH_ARGS)));
        String threadId = thread();
        String runId = server.runHttp()
                .startRun(threadId, assistant("[{'type':'file_search'}]"))
                .get("id")
                .asText();

        // when
        JsonNode run = server.runHttp().awaitTerminal(threadId, runId);

        // then
        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.at("/last_error/message").asText()).contains("model calls");
        assertThat(OpenAiJavaRunsTest.chatRequests(server.upstream())).hasSize(EngineTestSupport.FAST.maxModelCalls());
    }

    // ---- helpers

    private String assistant(String tools) {
        return ok(server.runHttp()
                        .post(
                                "/assistants",
                                "{'model':'gpt-4o','instructions':'Be brief.','tools':" + tools
                                        + ",'tool_resources':{'file_search':{'vector_store_ids':['" + assistantStore
                                        + "']}}}"))
                .get("id")
                .asText();
    }

    private String vectorStore() {
        return ok(server.runHttp().post("/vector_stores", "{}")).get("id").asText();
    }

    private String thread() {
        return ok(server.runHttp()
                        .post(
                                "/threads",
                                "{'tool_resources':{'file_search':{'vector_store_ids':['" + threadStore + "']}},"
                                        + "'messages':[{'role':'user','content':'Capital of France?'}]}"))
                .get("id")
                .asText();
    }

    private static JsonNode annotation(int index, String text, int start, String fileId) {
        return parse("{\"index\":" + index + ",\"type\":\"file_citation\",\"text\":\"" + text + "\",\"start_index\":"
                + start + ",\"end_index\":" + (start + text.length()) + ",\"file_citation\":{\"file_id\":\"" + fileId
                + "\"}}");
    }
}
