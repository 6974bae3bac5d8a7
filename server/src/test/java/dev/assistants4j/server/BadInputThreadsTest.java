package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.ids;
import static dev.assistants4j.server.HttpTestClient.json;
import static dev.assistants4j.server.HttpTestClient.metadata;
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

/** {@code /v1/threads}: every malformed or invalid request is refused in OpenAI's shape and stores nothing. */
class BadInputThreadsTest {

    private static final String GOOD_MESSAGE = "{'role':'user','content':'hi'}";

    @RegisterExtension
    static final ServerExtension server =
            ServerExtension.withDefaults().perClass().failOnServerErrors();

    /** A POST that would change a thread changes its metadata. */
    static final BadInputChecks checks = new BadInputChecks(server, json("{'metadata':{'changed':'yes'}}"));

    static HttpTestClient client;
    static String threadId;
    static String changedFileId;

    @BeforeAll
    static void start() {
        client = server.http();
        VectorStoreHttp files = new VectorStoreHttp(client, server.dataDir());
        String keptFileId = files.upload("kept.txt", "kept");
        changedFileId = files.upload("changed.txt", "changed");
        threadId = client.createId(
                "/v1/threads",
                json("{'messages':[" + GOOD_MESSAGE + "],'metadata':{'k':'v'},"
                        + "'tool_resources':{'code_interpreter':{'file_ids':['" + keptFileId + "']}}}"));
    }

    /** Metadata over the limits, next to a valid tool_resources change that must not be applied either. */
    static Stream<BadBody> invalidMetadata() {
        return HttpTestClient.invalidMetadata(m -> withToolResources("'metadata':" + m));
    }

    /** Invalid thread-level fields, refused by create and by modify. */
    static Stream<BadBody> invalidThreadFields() {
        return Stream.of(
                BadBody.wrongType("tool_resources a string", withMetadata("'tool_resources':'x'"), "tool_resources"),
                BadBody.of(
                        "21 code_interpreter file ids",
                        withMetadata("'tool_resources':{'code_interpreter':{'file_ids':" + ids("file-", 21) + "}}"),
                        "tool_resources.code_interpreter.file_ids"),
                BadBody.of(
                        "2 vector store ids",
                        withMetadata("'tool_resources':{'file_search':{'vector_store_ids':" + ids("vs_", 2) + "}}"),
                        "tool_resources.file_search.vector_store_ids"),
                BadBody.unknown("unknown top-level field", withMetadata("'foo':1"), "foo"),
                BadBody.unknown(
                        "unknown tool_resources field",
                        withMetadata("'tool_resources':{'foo':{}}"),
                        "tool_resources.foo"));
    }

    /** Invalid initial messages: only create thread takes them. */
    static Stream<BadBody> invalidInitialMessages() {
        return Stream.of(
                BadBody.wrongType("messages {}", withMetadata("'messages':{}"), "messages"),
                BadBody.wrongType("messages [5]", withMessages("5"), "messages[0]"),
                BadBody.missing("message without role", withMessages("{'content':'hi'}"), "messages[0].role"),
                BadBody.missing("message without content", withMessages("{'role':'user'}"), "messages[0].content"),
                BadBody.wrongType(
                        "second message content 5",
                        withMessages(GOOD_MESSAGE + ",{'role':'user','content':5}"),
                        "messages[1].content"),
                BadBody.of("role system", withMessages("{'role':'system','content':'hi'}"), "messages[0].role"),
                BadBody.of("content []", withMessages("{'role':'user','content':[]}"), "messages[0].content"),
                BadBody.missing(
                        "text part without text", withContent("{'type':'text'}"), "messages[0].content[0].text"),
                BadBody.of("part type video", withContent("{'type':'video'}"), "messages[0].content[0].type"),
                BadBody.of(
                        "image_url ftp",
                        withContent("{'type':'image_url','image_url':{'url':'ftp://x'}}"),
                        "messages[0].content[0].image_url.url"),
                BadBody.missing(
                        "attachment without file_id",
                        withMessages("{'role':'user','content':'hi','attachments':[{'tools':[]}]}"),
                        "messages[0].attachments[0].file_id"),
                BadBody.of(
                        "message with 17 metadata pairs",
                        withMessages("{'role':'user','content':'hi','metadata':" + metadata(17, 8, 8) + "}"),
                        "messages[0].metadata"),
                BadBody.unknown(
                        "unknown message field",
                        withMessages("{'role':'user','content':'hi','foo':1}"),
                        "messages[0].foo"),
                BadBody.unknown(
                        "unknown content part field",
                        withContent("{'type':'text','text':'hi','foo':1}"),
                        "messages[0].content[0].foo"));
    }

    static Stream<BadBody> badCreateBodies() {
        return Stream.of(malformedJson(), invalidMetadata(), invalidThreadFields(), invalidInitialMessages())
                .flatMap(s -> s);
    }

    static Stream<BadBody> badModifyBodies() {
        Stream<BadBody> messages =
                Stream.of(BadBody.unknown("messages on modify", withMetadata("'messages':[]"), "messages"));
        return Stream.of(malformedJson(), invalidMetadata(), invalidThreadFields(), messages)
                .flatMap(s -> s);
    }

    static Stream<BadBody> malformedJson() {
        return HttpTestClient.malformedJson(json("{'metadata':{'changed':'yes'}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreateBodies")
    void create_refuses_bad_body_and_stores_nothing(BadBody bad) {
        checks.assertCreateRefused("/v1/threads", bad, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badModifyBodies")
    void modify_refuses_bad_body_and_leaves_thread_unchanged(BadBody bad) {
        checks.assertModifyRefused("/v1/threads/" + threadId, bad);
    }

    @ParameterizedTest(name = "body [{0}]")
    @ValueSource(strings = {"", "{}"})
    void create_treats_an_empty_body_as_an_empty_object(String body) {
        // given
        Map<String, List<String>> stored = client.storedIds();

        // when
        JsonNode created = client.create("/v1/threads", body);

        // then
        String id = created.get("id").asText();
        assertThat(created.get("metadata")).isEqualTo(HttpTestClient.parse("{}"));
        assertThat(client.storedIds().get("threads"))
                .hasSize(stored.get("threads").size() + 1)
                .contains(id);
        assertThat(client.storedIds().get("messages")).isEqualTo(stored.get("messages"));
    }

    @Test
    void create_accepts_metadata_exactly_at_the_limits() {
        // given
        String metadata = metadata(16, 64, 512);
        String message = "{\"role\":\"user\",\"content\":\"hi\",\"metadata\":" + metadata + "}";

        // when
        JsonNode created =
                client.create("/v1/threads", "{\"metadata\":" + metadata + ",\"messages\":[" + message + "]}");

        // then
        String id = created.get("id").asText();
        assertThat(retrieve(id).json().get("metadata")).isEqualTo(HttpTestClient.parse(metadata));
        JsonNode messages = client.get("/v1/threads/" + id + "/messages").json().get("data");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("metadata")).isEqualTo(HttpTestClient.parse(metadata));
    }

    @Test
    void modify_accepts_metadata_exactly_at_the_limits() {
        // given
        String id = client.createId("/v1/threads", "{}");
        String metadata = metadata(16, 64, 512);

        // when
        Reply reply = client.post("/v1/threads/" + id, "{\"metadata\":" + metadata + "}");

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(retrieve(id).json().get("metadata")).isEqualTo(HttpTestClient.parse(metadata));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST", "DELETE"})
    void unknown_thread_id_is_404_naming_the_id(String method) {
        checks.assertUnknownId(method, "/v1/threads/thread_nope", "No thread found with id 'thread_nope'.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST", "DELETE"})
    void ids_of_other_kinds_in_place_of_a_thread_id_are_404(String method) {
        // given
        String assistantId = client.createId("/v1/assistants", json("{'model':'m'}"));
        String messageId = firstMessageId(threadId);
        Map<String, List<String>> stored = client.storedIds();

        // when
        Reply byAssistantId = checks.send(method, "/v1/threads/" + assistantId);
        Reply byMessageId = checks.send(method, "/v1/threads/" + messageId);

        // then
        assertThat(assertError(byAssistantId, 404, null).get("message").asText())
                .contains(assistantId);
        assertThat(assertError(byMessageId, 404, null).get("message").asText()).contains(messageId);
        assertThat(client.storedIds()).isEqualTo(stored);
    }

    @Test
    void deleted_thread_is_404_afterwards_with_its_messages() {
        // given
        String id = client.createId("/v1/threads", json("{'messages':[" + GOOD_MESSAGE + "]}"));
        String messageId = firstMessageId(id);
        assertThat(client.delete("/v1/threads/" + id).status()).isEqualTo(200);

        // when
        Reply thread = client.get("/v1/threads/" + id);
        Reply message = client.get("/v1/threads/" + id + "/messages/" + messageId);

        // then
        assertThat(assertError(thread, 404, null).get("message").asText()).contains(id);
        assertThat(assertError(message, 404, null).get("message").asText()).contains(id);
        assertThat(client.storedIds().get("messages")).doesNotContain(messageId);
    }

    private static String firstMessageId(String thread) {
        return client.get("/v1/threads/" + thread + "/messages")
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asText();
    }

    private static Reply retrieve(String id) {
        return checks.retrieve("/v1/threads/" + id);
    }

    /** A valid metadata change plus {@code fields}, so a partly applied request would show. */
    private static String withMetadata(String fields) {
        return json("{'metadata':{'changed':'yes'}," + fields + "}");
    }

    /** A valid tool_resources change plus {@code fields}, so a partly applied request would show. */
    private static String withToolResources(String fields) {
        return json("{'tool_resources':{'code_interpreter':{'file_ids':['" + changedFileId + "']}}," + fields + "}");
    }

    private static String withMessages(String messages) {
        return withMetadata("'messages':[" + messages + "]");
    }

    private static String withContent(String part) {
        return withMessages("{'role':'user','content':[" + part + "]}");
    }
}
