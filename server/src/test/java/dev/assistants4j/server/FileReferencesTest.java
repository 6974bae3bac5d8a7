package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files named by {@code tool_resources} and message {@code attachments} must exist: a missing or deleted file is a 404
 * naming the field of its id, on every endpoint that takes them, and the refused request stores nothing (no
 * assistant, thread, message, run or vector store, no change to an existing one).
 */
class FileReferencesTest {

    private static final String MISSING = "file-missing0123456789";

    @RegisterExtension
    static final ServerExtension server =
            ServerExtension.withDefaults().perClass().failOnServerErrors();

    static HttpTestClient client;
    static String fileId;
    static String deletedFileId;
    static String assistantId;
    static String threadId;

    @BeforeAll
    static void start() {
        client = server.http();
        VectorStoreHttp files = new VectorStoreHttp(client, server.dataDir());
        fileId = files.upload("kept.txt", "kept");
        deletedFileId = files.upload("deleted.txt", "deleted");
        assertThat(client.delete("/v1/files/" + deletedFileId).status()).isEqualTo(200);
        assistantId = client.createId(
                "/v1/assistants",
                json("{'model':'m','tool_resources':{'code_interpreter':{'file_ids':['" + fileId + "']}}}"));
        threadId = client.createId("/v1/threads", json("{'messages':[{'role':'user','content':'kept'}]}"));
    }

    /** A request naming {@code missing} somewhere, and the param that must name it. */
    record Refused(String label, String path, Supplier<String> body, String param) {

        @Override
        public String toString() {
            return label;
        }
    }

    /** {@code tool_resources} with code_interpreter files: the kept one, then {@code missing}. */
    private static String codeFiles(String missing) {
        return "{'code_interpreter':{'file_ids':['" + fileId + "','" + missing + "']}}";
    }

    /** A message with two attachments: the kept file, then {@code missing}. */
    private static String attached(String missing) {
        return "{'role':'user','content':'hi','attachments':[{'file_id':'" + fileId
                + "','tools':[{'type':'code_interpreter'}]},{'file_id':'" + missing
                + "','tools':[{'type':'code_interpreter'}]}]}";
    }

    static Stream<Refused> requestsNaming(String missing) {
        String runs = "/v1/threads/" + threadId + "/runs";
        return Stream.of(
                new Refused(
                        "create assistant, code_interpreter files",
                        "/v1/assistants",
                        () -> json("{'model':'m','tool_resources':" + codeFiles(missing) + "}"),
                        "tool_resources.code_interpreter.file_ids[1]"),
                new Refused(
                        "create assistant, files of an inline vector store",
                        "/v1/assistants",
                        () -> json("{'model':'m','tool_resources':{'file_search':{'vector_stores':[{'file_ids':['"
                                + missing + "']}]}}}"),
                        "tool_resources.file_search.vector_stores[0].file_ids[0]"),
                new Refused(
                        "modify assistant",
                        "/v1/assistants/" + assistantId,
                        () -> json("{'name':'changed','tool_resources':" + codeFiles(missing) + "}"),
                        "tool_resources.code_interpreter.file_ids[1]"),
                new Refused(
                        "create thread, code_interpreter files",
                        "/v1/threads",
                        () -> json("{'tool_resources':" + codeFiles(missing) + "}"),
                        "tool_resources.code_interpreter.file_ids[1]"),
                new Refused(
                        "create thread, an attachment of its second message",
                        "/v1/threads",
                        () -> json("{'messages':[{'role':'user','content':'first'}," + attached(missing) + "]}"),
                        "messages[1].attachments[1].file_id"),
                new Refused(
                        "modify thread",
                        "/v1/threads/" + threadId,
                        () -> json("{'metadata':{'k':'changed'},'tool_resources':" + codeFiles(missing) + "}"),
                        "tool_resources.code_interpreter.file_ids[1]"),
                new Refused(
                        "create message",
                        "/v1/threads/" + threadId + "/messages",
                        () -> json(attached(missing)),
                        "attachments[1].file_id"),
                new Refused(
                        "create run, additional message",
                        runs,
                        () -> json("{'assistant_id':'" + assistantId + "','additional_messages':[" + attached(missing)
                                + "]}"),
                        "additional_messages[0].attachments[1].file_id"),
                new Refused(
                        "create thread and run, a message of the thread",
                        "/v1/threads/runs",
                        () -> json("{'assistant_id':'" + assistantId + "','thread':{'messages':[" + attached(missing)
                                + "]}}"),
                        "thread.messages[0].attachments[1].file_id"),
                new Refused(
                        "create thread and run, the thread's tool_resources",
                        "/v1/threads/runs",
                        () -> json("{'assistant_id':'" + assistantId + "','thread':{'tool_resources':"
                                + codeFiles(missing) + "}}"),
                        "thread.tool_resources.code_interpreter.file_ids[1]"),
                new Refused(
                        "create thread and run, the run's tool_resources",
                        "/v1/threads/runs",
                        () -> json(
                                "{'assistant_id':'" + assistantId + "','tool_resources':" + codeFiles(missing) + "}"),
                        "tool_resources.code_interpreter.file_ids[1]"));
    }

    static Stream<Refused> missingFile() {
        return requestsNaming(MISSING);
    }

    static Stream<Refused> deletedFile() {
        return requestsNaming(deletedFileId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingFile")
    void a_file_that_never_existed_is_404_and_nothing_is_stored(Refused request) {
        assertRefused(request, MISSING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deletedFile")
    void a_deleted_file_is_404_and_nothing_is_stored(Refused request) {
        assertRefused(request, deletedFileId);
    }

    @Test
    void files_that_exist_are_accepted_everywhere() {
        // when
        Reply assistant = client.post(
                "/v1/assistants",
                json("{'model':'m','tool_resources':{'code_interpreter':{'file_ids':['" + fileId + "']}}}"));
        Reply thread = client.post(
                "/v1/threads",
                json("{'messages':[{'role':'user','content':'hi','attachments':[{'file_id':'" + fileId
                        + "','tools':[{'type':'code_interpreter'}]}]}],"
                        + "'tool_resources':{'code_interpreter':{'file_ids':['" + fileId + "']}}}"));
        Reply message = client.post(
                "/v1/threads/" + thread.json().get("id").asText() + "/messages",
                json("{'role':'user','content':'hi','attachments':[{'file_id':'" + fileId + "'}]}"));

        // then
        assertThat(assistant.status()).as(assistant.body()).isEqualTo(200);
        assertThat(assistant
                        .json()
                        .at("/tool_resources/code_interpreter/file_ids/0")
                        .asText())
                .isEqualTo(fileId);
        assertThat(thread.status()).as(thread.body()).isEqualTo(200);
        assertThat(message.status()).as(message.body()).isEqualTo(200);
        assertThat(message.json().at("/attachments/0/file_id").asText()).isEqualTo(fileId);
    }

    private static void assertRefused(Refused request, String missing) {
        // given
        Map<String, List<String>> stored = client.storedIds();
        String kept = keptObjects();
        List<String> vectorStores = client.listIds("/v1/vector_stores");

        // when
        Reply reply = client.post(request.path(), request.body().get());

        // then
        JsonNode error = assertError(reply, 404, request.param());
        assertThat(error.get("message").asText()).isEqualTo("No file found with id '" + missing + "'.");
        assertThat(client.storedIds()).isEqualTo(stored);
        assertThat(keptObjects()).isEqualTo(kept);
        assertThat(client.listIds("/v1/vector_stores")).isEqualTo(vectorStores);
    }

    /** The kept assistant and thread and the thread's runs, to show a refused request changed none of them. */
    private static String keptObjects() {
        return String.join(
                "\n",
                client.get("/v1/assistants/" + assistantId).body(),
                client.get("/v1/threads/" + threadId).body(),
                client.get("/v1/threads/" + threadId + "/runs").body());
    }
}
