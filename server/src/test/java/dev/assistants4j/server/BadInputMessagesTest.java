package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
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

/** {@code /v1/threads/{id}/messages}: every malformed or invalid request is refused and stores nothing. */
class BadInputMessagesTest {

    @RegisterExtension
    static final ServerExtension server =
            ServerExtension.withDefaults().perClass().failOnServerErrors();

    /** A POST that would change a message changes its metadata. */
    static final BadInputChecks checks = new BadInputChecks(server, json("{'metadata':{'changed':'yes'}}"));

    static HttpTestClient client;
    static String threadId;
    static String messageId;
    static String otherThreadId;
    static String otherMessageId;

    @BeforeAll
    static void start() {
        client = server.http();
        threadId = client.createId("/v1/threads", "{}");
        messageId =
                client.createId(messagesOf(threadId), json("{'role':'user','content':'kept','metadata':{'k':'v'}}"));
        otherThreadId = client.createId("/v1/threads", "{}");
        otherMessageId = client.createId(messagesOf(otherThreadId), json("{'role':'user','content':'other'}"));
    }

    static Stream<BadBody> invalidCreateFields() {
        return Stream.of(
                BadBody.missing("empty body", "", "role"),
                BadBody.missing("empty object", "{}", "role"),
                BadBody.missing("no role", json("{'content':'hi'}"), "role"),
                BadBody.missing("no content", json("{'role':'user'}"), "content"),
                BadBody.of("content null", json("{'role':'user','content':null}"), "content"),
                BadBody.of("role system", json("{'role':'system','content':'hi'}"), "role"),
                BadBody.wrongType("role 5", json("{'role':5,'content':'hi'}"), "role"),
                BadBody.wrongType("content 5", json("{'role':'user','content':5}"), "content"),
                BadBody.of("content []", json("{'role':'user','content':[]}"), "content"),
                BadBody.missing("text part without text", withContent("{'type':'text'}"), "content[0].text"),
                BadBody.wrongType("text part with text 5", withContent("{'type':'text','text':5}"), "content[0].text"),
                BadBody.of("part type video", withContent("{'type':'video'}"), "content[0].type"),
                BadBody.of(
                        "second part invalid",
                        withContent("{'type':'text','text':'hi'},{'type':'video'}"),
                        "content[1].type"),
                BadBody.of(
                        "image_url ftp",
                        withContent("{'type':'image_url','image_url':{'url':'ftp://x'}}"),
                        "content[0].image_url.url"),
                BadBody.missing(
                        "image_file without file_id",
                        withContent("{'type':'image_file','image_file':{}}"),
                        "content[0].image_file.file_id"),
                BadBody.wrongType("attachments {}", withHi("'attachments':{}"), "attachments"),
                BadBody.missing(
                        "attachment without file_id", withHi("'attachments':[{'tools':[]}]"), "attachments[0].file_id"),
                BadBody.of(
                        "attachment tool type nope",
                        withHi("'attachments':[{'file_id':'file-1','tools':[{'type':'nope'}]}]"),
                        "attachments[0].tools[0].type"),
                BadBody.unknown("unknown top-level field", withHi("'foo':1"), "foo"),
                BadBody.unknown(
                        "unknown content part field",
                        withContent("{'type':'text','text':'hi','foo':1}"),
                        "content[0].foo"),
                BadBody.unknown(
                        "unknown attachment field",
                        withHi("'attachments':[{'file_id':'file-1','foo':1}]"),
                        "attachments[0].foo"));
    }

    static Stream<BadBody> badCreateBodies() {
        Stream<BadBody> metadata = HttpTestClient.invalidMetadata(m -> withHi("'metadata':" + m));
        return Stream.of(malformedJson(), invalidCreateFields(), metadata).flatMap(s -> s);
    }

    static Stream<BadBody> badModifyBodies() {
        Stream<BadBody> onlyMetadata = Stream.of(
                BadBody.unknown("content on modify", json("{'metadata':{'changed':'yes'},'content':'new'}"), "content"),
                BadBody.unknown("role on modify", json("{'metadata':{'changed':'yes'},'role':'assistant'}"), "role"));
        Stream<BadBody> metadata = HttpTestClient.invalidMetadata(m -> "{\"metadata\":" + m + "}");
        return Stream.of(malformedJson(), metadata, onlyMetadata).flatMap(s -> s);
    }

    static Stream<BadBody> malformedJson() {
        return HttpTestClient.malformedJson(json("{'metadata':{'changed':'yes'}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreateBodies")
    void create_refuses_bad_body_and_stores_nothing(BadBody bad) {
        checks.assertCreateRefused(messagesOf(threadId), bad, messagesOf(threadId));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badModifyBodies")
    void modify_refuses_bad_body_and_leaves_message_unchanged(BadBody bad) {
        checks.assertModifyRefused(messagesOf(threadId) + "/" + messageId, bad);
    }

    @Test
    void create_and_modify_accept_metadata_exactly_at_the_limits() {
        // given
        String metadata = metadata(16, 64, 512);
        String id = client.createId(messagesOf(threadId), json("{'role':'user','content':'hi'}"));

        // when
        JsonNode created = client.create(
                messagesOf(threadId), "{\"role\":\"user\",\"content\":\"hi\",\"metadata\":" + metadata + "}");
        Reply modified = client.post(messagesOf(threadId) + "/" + id, "{\"metadata\":" + metadata + "}");

        // then
        JsonNode expected = HttpTestClient.parse(metadata);
        assertThat(retrieve(threadId, created.get("id").asText()).json().get("metadata"))
                .isEqualTo(expected);
        assertThat(modified.status()).as(modified.body()).isEqualTo(200);
        assertThat(retrieve(threadId, id).json().get("metadata")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST", "DELETE"})
    void unknown_message_id_is_404_naming_the_id(String method) {
        checks.assertUnknownId(method, messagesOf(threadId) + "/msg_nope", "No message found with id 'msg_nope'.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST"})
    void messages_of_an_unknown_thread_are_404_naming_the_thread(String method) {
        // given
        Map<String, List<String>> stored = client.storedIds();

        // when
        Reply reply = method.equals("GET")
                ? client.get(messagesOf("thread_nope"))
                : client.post(messagesOf("thread_nope"), json("{'role':'user','content':'hi'}"));

        // then
        JsonNode error = assertError(reply, 404, null);
        assertThat(error.get("message").asText()).isEqualTo("No thread found with id 'thread_nope'.");
        assertThat(client.storedIds()).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST", "DELETE"})
    void message_under_an_unknown_thread_is_404(String method) {
        // given
        String before = retrieve(threadId, messageId).body();

        // when
        Reply reply = checks.send(method, messagesOf("thread_nope") + "/" + messageId);

        // then
        assertThat(assertError(reply, 404, null).get("message").asText()).contains("thread_nope");
        assertThat(retrieve(threadId, messageId).body()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST", "DELETE"})
    void message_under_another_existing_thread_is_404(String method) {
        // given
        String before = retrieve(threadId, messageId).body();
        Map<String, List<String>> stored = client.storedIds();

        // when
        Reply reply = checks.send(method, messagesOf(otherThreadId) + "/" + messageId);

        // then
        assertThat(assertError(reply, 404, null).get("message").asText()).contains(messageId);
        assertThat(retrieve(threadId, messageId).body()).isEqualTo(before);
        assertThat(client.storedIds()).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST", "DELETE"})
    void ids_of_other_kinds_in_the_path_are_404(String method) {
        // given
        Map<String, List<String>> stored = client.storedIds();

        // when
        Reply messageAsThread = checks.send(method, messagesOf(messageId) + "/" + messageId);
        Reply threadAsMessage = checks.send(method, messagesOf(threadId) + "/" + threadId);

        // then
        assertThat(assertError(messageAsThread, 404, null).get("message").asText())
                .contains(messageId);
        assertThat(assertError(threadAsMessage, 404, null).get("message").asText())
                .contains(threadId);
        assertThat(client.storedIds()).isEqualTo(stored);
    }

    static Stream<BadBody> badListQueries() {
        return Stream.concat(
                BadInputChecks.badListQueries("msg_nope"),
                Stream.of(
                        BadBody.of("after cursor of another thread", "after=" + otherMessageId, "after"),
                        BadBody.of("before cursor of another thread", "before=" + otherMessageId, "before")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badListQueries")
    void list_refuses_bad_query(BadBody bad) {
        checks.assertListRefused(messagesOf(threadId), bad);
    }

    private static String messagesOf(String thread) {
        return "/v1/threads/" + thread + "/messages";
    }

    private static Reply retrieve(String thread, String message) {
        return checks.retrieve(messagesOf(thread) + "/" + message);
    }

    /** A valid user message with text "hi" plus {@code fields}. */
    private static String withHi(String fields) {
        return json("{'role':'user','content':'hi'," + fields + "}");
    }

    private static String withContent(String parts) {
        return json("{'role':'user','content':[" + parts + "]}");
    }
}
