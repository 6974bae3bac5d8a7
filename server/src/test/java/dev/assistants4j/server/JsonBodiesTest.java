package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every endpoint that reads a JSON body has in common: the bytes must be UTF-8 (a body that is not is refused,
 * not stored with U+FFFD in its place), and endpoints that take no fields (the cancels) refuse a malformed body too.
 */
class JsonBodiesTest {

    /** The bytes of {@code "é"} cut after its first byte, then {@code (}: not UTF-8. */
    private static final byte[] NOT_UTF8 = {(byte) 0xC3, '('};

    @RegisterExtension
    static final ServerExtension server =
            ServerExtension.withDefaults().perClass().failOnServerErrors();

    static HttpTestClient client;
    static KeptObjects kept;

    @BeforeAll
    static void start() {
        client = server.http();
        kept = KeptObjects.create(client);
    }

    /** Every endpoint that reads a JSON body, each with a body it would accept but for {@link #NOT_UTF8}. */
    static Stream<JsonEndpoint> jsonEndpoints() {
        String store = "/v1/vector_stores/vs_unknown";
        String threadId = kept.threadId();
        return Stream.of(
                JsonEndpoint.of("create assistant", "/v1/assistants", "{'model':'m','name':'%s'}"),
                JsonEndpoint.of("modify assistant", "/v1/assistants/" + kept.assistantId(), "{'name':'%s'}"),
                JsonEndpoint.of("create thread", "/v1/threads", "{'messages':[{'role':'user','content':'%s'}]}"),
                JsonEndpoint.of("modify thread", "/v1/threads/" + threadId, "{'metadata':{'k':'%s'}}"),
                JsonEndpoint.of("create message", kept.messagesPath(), "{'role':'user','content':'%s'}"),
                JsonEndpoint.of(
                        "modify message", kept.messagesPath() + "/" + kept.messageId(), "{'metadata':{'k':'%s'}}"),
                JsonEndpoint.of(
                        "create run",
                        "/v1/threads/" + threadId + "/runs",
                        "{'assistant_id':'asst_x','instructions':'%s'}"),
                JsonEndpoint.of(
                        "create thread and run", "/v1/threads/runs", "{'assistant_id':'asst_x','instructions':'%s'}"),
                JsonEndpoint.of("modify run", "/v1/threads/" + threadId + "/runs/run_x", "{'metadata':{'k':'%s'}}"),
                JsonEndpoint.of(
                        "submit tool outputs",
                        "/v1/threads/" + threadId + "/runs/run_x/submit_tool_outputs",
                        "{'tool_outputs':[{'tool_call_id':'call_x','output':'%s'}]}"),
                JsonEndpoint.of("cancel run", "/v1/threads/" + threadId + "/runs/run_x/cancel", "{'%s':1}"),
                JsonEndpoint.of("create vector store", "/v1/vector_stores", "{'name':'%s'}"),
                JsonEndpoint.of("modify vector store", store, "{'name':'%s'}"),
                JsonEndpoint.of("search vector store", store + "/search", "{'query':'%s'}"),
                JsonEndpoint.of("add vector store file", store + "/files", "{'file_id':'%s'}"),
                JsonEndpoint.of("update vector store file", store + "/files/file-x", "{'attributes':{'k':'%s'}}"),
                JsonEndpoint.of("create file batch", store + "/file_batches", "{'file_ids':['%s']}"),
                JsonEndpoint.of("cancel file batch", store + "/file_batches/vsfb_x/cancel", "{'%s':1}"),
                JsonEndpoint.of(
                        "chat completion",
                        "/v1/chat/completions",
                        "{'model':'m','messages':[{'role':'user','content':'%s'}]}"),
                JsonEndpoint.of("embeddings", "/v1/embeddings", "{'model':'m','input':'%s'}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonEndpoints")
    void body_that_is_not_utf8_is_refused_and_stores_nothing(JsonEndpoint endpoint) {
        // given
        Map<String, List<String>> stored = client.storedIds();
        String before = kept.retrieved();

        // when
        Reply reply = client.send("POST", endpoint.path(), BodyPublishers.ofByteArray(endpoint.body(NOT_UTF8)));

        // then
        JsonNode error = assertError(reply, 400, null);
        assertThat(error.get("message").asText()).contains("not valid UTF-8");
        assertThat(client.storedIds()).isEqualTo(stored);
        assertThat(kept.retrieved()).isEqualTo(before);
    }

    @Test
    void utf8_text_of_every_length_is_stored_as_sent() {
        // given
        String text = "héllo ✓ 日本 😀";

        // when
        Reply reply = client.send(
                "POST",
                "/v1/assistants",
                BodyPublishers.ofByteArray(
                        json("{'model':'m','name':'" + text + "'}").getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        String id = reply.json().get("id").asText();
        assertThat(client.get("/v1/assistants/" + id).json().get("name").asText())
                .isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"/v1/threads/thread_x/runs/run_x/cancel", "/v1/vector_stores/vs_x/file_batches/vsfb_x/cancel"})
    void cancel_refuses_a_malformed_body_before_looking_anything_up(String path) {
        for (String body : List.of("{bad", "[]", "\"str\"", "{}}")) {
            // when
            Reply reply = client.post(path, body);

            // then
            assertError(reply, 400, null);
        }
        // when
        Reply unknown = client.post(path, json("{'foo':1}"));

        // then
        JsonNode error = assertError(unknown, 400, "foo");
        assertThat(error.get("code").asText()).isEqualTo("unknown_parameter");
    }

    @ParameterizedTest(name = "body [{0}]")
    @ValueSource(strings = {"", "{}"})
    void cancel_with_no_body_or_an_empty_object_gets_to_the_lookup(String body) {
        // when
        Reply reply = client.post("/v1/vector_stores/vs_x/file_batches/vsfb_x/cancel", body);

        // then
        assertError(reply, 404, null);
    }

    /** An endpoint and a body template, its {@code %s} the place of a string value. */
    record JsonEndpoint(String label, String path, String template) {

        static JsonEndpoint of(String label, String path, String singleQuoted) {
            return new JsonEndpoint(label, path, json(singleQuoted));
        }

        /** The body with {@code inserted} (raw bytes) in place of {@code %s}. */
        byte[] body(byte[] inserted) {
            int at = template.indexOf("%s");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(template.substring(0, at).getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(inserted);
            bytes.writeBytes(template.substring(at + 2).getBytes(StandardCharsets.UTF_8));
            return bytes.toByteArray();
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
