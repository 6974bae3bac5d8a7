package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.ids;
import static dev.assistants4j.server.HttpTestClient.json;
import static dev.assistants4j.server.HttpTestClient.metadata;
import static dev.assistants4j.server.HttpTestClient.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.BadBody;
import dev.assistants4j.server.HttpTestClient.Reply;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /v1/assistants}: every malformed or invalid request is refused in OpenAI's shape and stores nothing. */
class BadInputAssistantsTest {

    @RegisterExtension
    static final ServerExtension server =
            ServerExtension.withDefaults().perClass().failOnServerErrors();

    /** A POST that would change an assistant renames it. */
    static final BadInputChecks checks = new BadInputChecks(server, json("{'name':'x'}"));

    static HttpTestClient client;
    static String assistantId;

    @BeforeAll
    static void start() {
        client = server.http();
        assistantId = client.createId(
                "/v1/assistants",
                json("{'model':'gpt-4o','name':'kept','instructions':'Be brief.','metadata':{'k':'v'},"
                        + "'tools':[{'type':'function','function':{'name':'lookup'}}]}"));
    }

    /** Metadata over the limits, next to a valid model change that must not be applied either. */
    static Stream<BadBody> invalidMetadata() {
        return HttpTestClient.invalidMetadata(m -> withModel("'metadata':" + m));
    }

    /** Bodies with one invalid field, refused by create and by modify. */
    static Stream<BadBody> invalidFields() {
        return Stream.of(
                BadBody.wrongType("model 123", json("{'model':123}"), "model"),
                BadBody.wrongType("name 5", withModel("'name':5"), "name"),
                BadBody.of("name of 257 chars", withModel("'name':" + quoted('n', 257)), "name"),
                BadBody.of("description of 513 chars", withModel("'description':" + quoted('d', 513)), "description"),
                BadBody.wrongType("instructions 5", withModel("'instructions':5"), "instructions"),
                BadBody.wrongType("tools {}", withModel("'tools':{}"), "tools"),
                BadBody.wrongType("tools [5]", withModel("'tools':[5]"), "tools[0]"),
                BadBody.of("tool type nope", withModel("'tools':[{'type':'nope'}]"), "tools[0].type"),
                BadBody.missing(
                        "function tool without function",
                        withModel("'tools':[{'type':'function'}]"),
                        "tools[0].function"),
                BadBody.of("function name with spaces", withFunction("'name':'look up'"), "tools[0].function.name"),
                BadBody.of(
                        "function name of 65 chars",
                        withFunction("'name':" + quoted('f', 65)),
                        "tools[0].function.name"),
                BadBody.wrongType(
                        "function parameters a string",
                        withFunction("'name':'f','parameters':'x'"),
                        "tools[0].function.parameters"),
                BadBody.wrongType("temperature hot", withModel("'temperature':'hot'"), "temperature"),
                BadBody.of("temperature 2.5", withModel("'temperature':2.5"), "temperature"),
                BadBody.of("top_p -0.1", withModel("'top_p':-0.1"), "top_p"),
                BadBody.of("response_format json", withModel("'response_format':'json'"), "response_format"),
                BadBody.missing(
                        "json_schema format without json_schema",
                        withModel("'response_format':{'type':'json_schema'}"),
                        "response_format.json_schema"),
                BadBody.of("reasoning_effort extreme", withModel("'reasoning_effort':'extreme'"), "reasoning_effort"),
                BadBody.of(
                        "21 code_interpreter file ids",
                        withModel("'tool_resources':{'code_interpreter':{'file_ids':" + ids("file-", 21) + "}}"),
                        "tool_resources.code_interpreter.file_ids"),
                BadBody.of(
                        "2 vector store ids",
                        withModel("'tool_resources':{'file_search':{'vector_store_ids':" + ids("vs_", 2) + "}}"),
                        "tool_resources.file_search.vector_store_ids"),
                BadBody.unknown("unknown top-level field", json("{'model':'m','foo':1}"), "foo"),
                BadBody.unknown("unknown function field", withFunction("'name':'f','foo':1"), "tools[0].function.foo"),
                BadBody.unknown(
                        "unknown tool_resources field",
                        withModel("'tool_resources':{'code_interpreter':{'foo':[]}}"),
                        "tool_resources.code_interpreter.foo"));
    }

    /** Create needs a model. */
    static Stream<BadBody> badCreateBodies() {
        Stream<BadBody> missingModel = Stream.of(
                BadBody.missing("empty body", "", "model"),
                BadBody.missing("empty object", "{}", "model"),
                BadBody.missing("no model", json("{'name':'x'}"), "model"),
                BadBody.of("model null", json("{'model':null}"), "model"));
        return Stream.of(malformedJson(), invalidMetadata(), invalidFields(), missingModel)
                .flatMap(s -> s);
    }

    static Stream<BadBody> malformedJson() {
        return HttpTestClient.malformedJson(json("{'model':'changed-model'}"));
    }

    static Stream<BadBody> badModifyBodies() {
        return Stream.of(malformedJson(), invalidMetadata(), invalidFields()).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreateBodies")
    void create_refuses_bad_body_and_stores_nothing(BadBody bad) {
        checks.assertCreateRefused("/v1/assistants", bad, "/v1/assistants");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badModifyBodies")
    void modify_refuses_bad_body_and_leaves_assistant_unchanged(BadBody bad) {
        checks.assertModifyRefused("/v1/assistants/" + assistantId, bad);
    }

    @Test
    void create_accepts_values_exactly_at_the_limits() {
        // given
        String metadata = metadata(16, 64, 512);
        String body = withModel("'name':" + quoted('n', 256) + ",'description':" + quoted('d', 512)
                + ",'temperature':2,'top_p':0,'metadata':" + metadata);

        // when
        JsonNode created = client.create("/v1/assistants", body);

        // then
        JsonNode retrieved = retrieve(created.get("id").asText()).json();
        assertThat(retrieved.get("name").asText()).hasSize(256);
        assertThat(retrieved.get("description").asText()).hasSize(512);
        assertThat(retrieved.get("temperature").asDouble()).isEqualTo(2.0);
        assertThat(retrieved.get("top_p").asDouble()).isEqualTo(0.0);
        assertThat(retrieved.get("metadata")).isEqualTo(HttpTestClient.parse(metadata));
    }

    @Test
    void modify_accepts_values_exactly_at_the_limits() {
        // given
        String id = client.createId("/v1/assistants", json("{'model':'m'}"));
        String metadata = metadata(16, 64, 512);

        // when
        Reply reply = client.post(
                "/v1/assistants/" + id, "{\"name\":" + quoted('n', 256) + ",\"metadata\":" + metadata + "}");

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode retrieved = retrieve(id).json();
        assertThat(retrieved.get("name").asText()).isEqualTo("n".repeat(256));
        assertThat(retrieved.get("metadata")).isEqualTo(HttpTestClient.parse(metadata));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST", "DELETE"})
    void unknown_assistant_id_is_404_naming_the_id(String method) {
        checks.assertUnknownId(method, "/v1/assistants/asst_nope", "No assistant found with id 'asst_nope'.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST", "DELETE"})
    void thread_id_in_place_of_an_assistant_id_is_404(String method) {
        // given
        String threadId = client.createId("/v1/threads", "{}");
        Map<String, List<String>> stored = client.storedIds();

        // when
        Reply reply = checks.send(method, "/v1/assistants/" + threadId);

        // then
        JsonNode error = assertError(reply, 404, null);
        assertThat(error.get("message").asText()).contains(threadId);
        assertThat(client.storedIds()).isEqualTo(stored);
        assertThat(client.get("/v1/threads/" + threadId).status()).isEqualTo(200);
    }

    @Test
    void deleted_assistant_is_404_afterwards() {
        // given
        String id = client.createId("/v1/assistants", json("{'model':'m'}"));
        assertThat(client.delete("/v1/assistants/" + id).status()).isEqualTo(200);

        // when
        Reply retrieve = client.get("/v1/assistants/" + id);
        Reply deleteAgain = client.delete("/v1/assistants/" + id);

        // then
        assertThat(assertError(retrieve, 404, null).get("message").asText()).contains(id);
        assertThat(assertError(deleteAgain, 404, null).get("message").asText()).contains(id);
    }

    static Stream<BadBody> badListQueries() {
        return Stream.concat(
                BadInputChecks.badListQueries("asst_nope"),
                Stream.of(BadBody.of("limit=-1", "limit=-1", "limit"), BadBody.of("limit=1.5", "limit=1.5", "limit")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badListQueries")
    void list_refuses_bad_query(BadBody bad) {
        checks.assertListRefused("/v1/assistants", bad);
    }

    @Test
    void list_refuses_a_cursor_that_is_a_thread_id() {
        // given
        String threadId = client.createId("/v1/threads", "{}");

        // when
        Reply after = client.get("/v1/assistants?after=" + threadId);
        Reply before = client.get("/v1/assistants?before=" + threadId);

        // then
        assertError(after, 400, "after");
        assertError(before, 400, "before");
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(ints = {1, 100})
    void list_accepts_limits_at_the_bounds(int limit) {
        // when
        Reply reply = client.get("/v1/assistants?limit=" + limit);

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("data").size()).isBetween(1, limit);
    }

    private static Reply retrieve(String id) {
        return checks.retrieve("/v1/assistants/" + id);
    }

    /** A body with a valid model change plus {@code fields}, so a partly applied modify would show. */
    private static String withModel(String fields) {
        return json("{'model':'changed-model'," + fields + "}");
    }

    private static String withFunction(String functionFields) {
        return withModel("'tools':[{'type':'function','function':{" + functionFields + "}}]");
    }
}
