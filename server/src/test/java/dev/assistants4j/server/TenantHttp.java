package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.Tenants.Tenant;
import dev.assistants4j.testkit.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Raw HTTP as one {@link Tenant}: every request presents its key. Paths are full ({@code /v1/assistants}). Not
 * thread-safe.
 */
record TenantHttp(HttpTestClient client, Tenant tenant) {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    Reply get(String path) {
        return client.get(path, tenant.auth());
    }

    Reply post(String path, String body) {
        return client.post(path, body, tenant.auth());
    }

    Reply delete(String path) {
        return client.delete(path, tenant.auth());
    }

    /** A request of any method; a body only for POST. */
    Reply send(String method, String path, String body) {
        return switch (method) {
            case "GET" -> get(path);
            case "DELETE" -> delete(path);
            case "POST" -> post(path, body);
            default -> throw new IllegalArgumentException(method);
        };
    }

    /** A POST that must be answered 200; returns the JSON. */
    JsonNode create(String path, String body) {
        return ok(post(path, body), "POST " + path);
    }

    /** A GET that must be answered 200; returns the JSON. */
    JsonNode read(String path) {
        return ok(get(path), "GET " + path);
    }

    /** Uploads {@code content} for {@code purpose}; returns the file's id. */
    String upload(String name, byte[] content, String purpose) {
        MultipartForm form = new MultipartForm().field("purpose", purpose).file(name, content);
        String[] headers = {"Content-Type", form.contentType(), tenant.auth()[0], tenant.auth()[1]};
        Reply reply = client.send("POST", "/v1/files", form.publisher(), headers);
        return ok(reply, "upload " + name).get("id").asText();
    }

    String upload(String name, String text) {
        return upload(name, text.getBytes(StandardCharsets.UTF_8), "assistants");
    }

    /** The ids of a list's items, oldest first (one page of 100). */
    List<String> ids(String listPath) {
        List<String> ids = new ArrayList<>();
        String separator = listPath.contains("?") ? "&" : "?";
        read(listPath + separator + "limit=100&order=asc")
                .get("data")
                .forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    /** Reads {@code path} until {@code done} holds; fails at the deadline. */
    JsonNode await(String path, Predicate<JsonNode> done) {
        JsonNode last = Poll.until(DEADLINE, () -> read(path), done);
        assertThat(done.test(last)).as("%s reached in time: %s", path, last).isTrue();
        return last;
    }

    private static JsonNode ok(Reply reply, String what) {
        assertThat(reply.status()).as("%s: %s", what, reply.body()).isEqualTo(200);
        return reply.json();
    }
}
