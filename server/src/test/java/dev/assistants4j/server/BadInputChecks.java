package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.BadBody;
import dev.assistants4j.server.HttpTestClient.Reply;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The table-driven core the bad-input suites share: a refused create stores nothing, a refused modify changes
 * nothing, an unknown id is a 404 that stores nothing, and a list refuses a bad query. Each suite supplies its paths
 * and its tables of {@link BadBody}s. Not thread-safe, as {@link HttpTestClient}.
 */
final class BadInputChecks {

    private final ServerExtension server;
    private final String change;

    /**
     * Checks against {@code server} (through its {@link ServerExtension#http()}, once it runs), whose POSTs to an
     * object send {@code change}, a JSON body that would change it.
     */
    BadInputChecks(ServerExtension server, String change) {
        this.server = server;
        this.change = change;
    }

    /**
     * Posts {@code bad}'s body to the create endpoint {@code path}: refused as {@code bad} says, no row stored, and
     * when {@code listPath} is not {@code null}, the ids listed there unchanged.
     */
    void assertCreateRefused(String path, BadBody bad, String listPath) {
        // given
        Map<String, List<String>> stored = client().storedIds();
        List<String> listed = listPath == null ? null : client().listIds(listPath);

        // when
        Reply reply = client().post(path, bad.body());

        // then
        bad.assertRefused(reply);
        if (listPath != null) {
            assertThat(client().listIds(listPath)).isEqualTo(listed);
        }
        assertThat(client().storedIds()).isEqualTo(stored);
    }

    /** Posts {@code bad}'s body to the object at {@code path}: refused, the object reads the same, no row stored. */
    void assertModifyRefused(String path, BadBody bad) {
        // given
        String before = retrieve(path).body();
        Map<String, List<String>> stored = client().storedIds();

        // when
        Reply reply = client().post(path, bad.body());

        // then
        bad.assertRefused(reply);
        assertThat(retrieve(path).body()).isEqualTo(before);
        assertThat(client().storedIds()).isEqualTo(stored);
    }

    /** Sends {@code method} to {@code path}: a 404 whose message is {@code message}, with no row stored. */
    void assertUnknownId(String method, String path, String message) {
        // given
        Map<String, List<String>> stored = client().storedIds();

        // when
        Reply reply = send(method, path);

        // then
        JsonNode error = assertError(reply, 404, null);
        assertThat(error.get("message").asText()).isEqualTo(message);
        assertThat(client().storedIds()).isEqualTo(stored);
    }

    /** Gets {@code listPath} with {@code bad}'s body as the query: refused as {@code bad} says. */
    void assertListRefused(String listPath, BadBody bad) {
        // when
        Reply reply = client().get(listPath + "?" + bad.body());

        // then
        bad.assertRefused(reply);
    }

    /** The object at {@code path}, which must answer 200. */
    Reply retrieve(String path) {
        Reply reply = client().get(path);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply;
    }

    /** {@code method} (GET, POST with the change, or DELETE) on {@code path}. */
    Reply send(String method, String path) {
        return switch (method) {
            case "GET" -> client().get(path);
            case "POST" -> client().post(path, change);
            default -> client().delete(path);
        };
    }

    private HttpTestClient client() {
        return server.http();
    }

    /**
     * {@code object} (a JSON object) with {@code field} added as {@code value} (JSON, single-quoted), a value of the
     * wrong type: refused naming {@code field}, and labelled with both.
     */
    static BadBody wrongTypeWith(String object, String field, String value) {
        String start = json(object).substring(0, object.lastIndexOf('}'));
        String body = start + (start.endsWith("{") ? "" : ",") + "\"" + field + "\":" + json(value) + "}";
        return BadBody.wrongType(field + " " + value, body, field);
    }

    /** The queries every list refuses, {@code unknownId} standing for an id of the listed kind that does not exist. */
    static Stream<BadBody> badListQueries(String unknownId) {
        return Stream.of(
                BadBody.of("limit=0", "limit=0", "limit"),
                BadBody.of("limit=101", "limit=101", "limit"),
                BadBody.of("limit=abc", "limit=abc", "limit"),
                BadBody.of("order=up", "order=up", "order"),
                BadBody.of("unknown after cursor", "after=" + unknownId, "after"),
                BadBody.of("unknown before cursor", "before=" + unknownId, "before"));
    }
}
