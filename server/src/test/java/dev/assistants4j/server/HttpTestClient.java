package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assistants4j.store.JdbcStores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Raw HTTP against a running server, with no SDK in between, so tests can send what no SDK would: broken JSON, wrong
 * methods, huge or chunked bodies. It remembers every 5xx it sees ({@link #assertNoServerErrors()}) and can list the
 * ids stored in the server's SQLite file, to prove a refused request stored nothing. Not thread-safe.
 */
final class HttpTestClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String root;
    private final Path dataDir;
    private final List<String> serverErrors = new ArrayList<>();

    /** A client of {@code server}, whose data lives in {@code dataDir}. */
    HttpTestClient(AssistantsServer server, Path dataDir) {
        this.root = "http://127.0.0.1:" + server.port();
        this.dataDir = dataDir;
    }

    /** Turns {@code {'a':'b'}} into {@code {"a":"b"}}, to keep JSON literals in tests readable. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /**
     * Bodies that are not one JSON object, refused with 400 and no param wherever a body is read: garbage, {@code
     * validBody} cut short or followed by a stray brace, and JSON values that are not objects.
     */
    static Stream<BadBody> malformedJson(String validBody) {
        return Stream.of(
                BadBody.of("unparseable {bad", "{bad", null),
                BadBody.of("truncated object", validBody.substring(0, validBody.length() - 1), null),
                BadBody.of("object followed by a stray brace", validBody + "}", null),
                BadBody.of("array", "[]", null),
                BadBody.of("string", "\"str\"", null),
                BadBody.of("null", "null", null),
                BadBody.of("number", "123", null));
    }

    /**
     * Metadata over the API's limits (not an object, a non-string value, 17 pairs, a 65-char key, a 513-char value),
     * each placed into a body by {@code body}, which receives the metadata JSON.
     */
    static Stream<BadBody> invalidMetadata(UnaryOperator<String> body) {
        return Stream.of(
                BadBody.wrongType("metadata []", body.apply("[]"), "metadata"),
                BadBody.wrongType("metadata value 5", body.apply("{\"k\":5}"), "metadata.k"),
                BadBody.of("17 metadata pairs", body.apply(metadata(17, 8, 8)), "metadata"),
                BadBody.of("65-char metadata key", body.apply(metadata(1, 65, 1)), "metadata"),
                BadBody.of("513-char metadata value", body.apply("{\"k\":" + quoted('v', 513) + "}"), "metadata.k"));
    }

    /** {@code body} (a JSON object) padded with spaces before its closing brace to exactly {@code bytes} bytes. */
    static String padded(String body, int bytes) {
        int padding = bytes - body.getBytes(StandardCharsets.UTF_8).length;
        assertThat(padding).as("padding").isNotNegative();
        return body.substring(0, body.length() - 1) + " ".repeat(padding) + "}";
    }

    /** Parses JSON text, failing the test when it is not JSON. */
    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }

    /** A JSON string literal of {@code length} copies of {@code c}, quotes included. */
    static String quoted(char c, int length) {
        return "\"" + String.valueOf(c).repeat(length) + "\"";
    }

    /** {@code pairs} metadata pairs as a JSON object, keys and values of the given lengths (keys stay distinct). */
    static String metadata(int pairs, int keyLength, int valueLength) {
        return IntStream.range(0, pairs)
                .mapToObj(i -> {
                    String prefix = String.format("%02d", i);
                    String key = prefix + "k".repeat(Math.max(0, keyLength - prefix.length()));
                    return "\"" + key.substring(0, keyLength) + "\":" + quoted('v', valueLength);
                })
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** A JSON array of {@code count} distinct ids, written with single quotes for {@link #json(String)}. */
    static String ids(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "'" + prefix + i + "'")
                .collect(Collectors.joining(",", "[", "]"));
    }

    Reply get(String path, String... headers) {
        return send("GET", path, BodyPublishers.noBody(), headers);
    }

    Reply post(String path, String body, String... headers) {
        return send("POST", path, BodyPublishers.ofString(body, StandardCharsets.UTF_8), headers);
    }

    /** A one-message ("hi") chat completion of {@code model}, sent with {@code key} as its bearer token. */
    Reply chat(String key, String model) {
        return post(
                "/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization",
                "Bearer " + key);
    }

    /** A POST whose body is sent with {@code Transfer-Encoding: chunked} (no Content-Length). */
    Reply postChunked(String path, String body, String... headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send("POST", path, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)), headers);
    }

    Reply delete(String path, String... headers) {
        return send("DELETE", path, BodyPublishers.noBody(), headers);
    }

    /** Any method; {@code headers} are name, value pairs. A JSON Content-Type is sent unless given. */
    Reply send(String method, String path, BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body);
        boolean contentType = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            contentType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!contentType) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 500) {
                serverErrors.add(method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return new Reply(response);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Fails when any request of this client was answered with a 5xx. */
    void assertNoServerErrors() {
        assertThat(serverErrors).as("requests answered with a server error").isEmpty();
    }

    /** Creates an object with a 200 and returns its JSON. */
    JsonNode create(String path, String body) {
        Reply reply = post(path, body);
        assertThat(reply.status()).as("POST %s %s", path, reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** Creates an object with a 200 and returns its id. */
    String createId(String path, String body) {
        return create(path, body).get("id").asText();
    }

    /** The ids of a list endpoint's first page of 100, in ascending order. */
    List<String> listIds(String path) {
        Reply reply = get(path + "?limit=100&order=asc");
        assertThat(reply.status()).as("GET %s %s", path, reply.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().get("data").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    /** Every id stored in the server's database, per table: the proof that a refused request stored nothing. */
    Map<String, List<String>> storedIds() {
        String url = "jdbc:sqlite:" + dataDir.resolve(JdbcStores.SQLITE_FILE).toAbsolutePath();
        Map<String, List<String>> ids = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            for (String table : List.of("assistants", "threads", "messages")) {
                List<String> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery("SELECT id FROM " + table + " ORDER BY seq")) {
                    while (result.next()) {
                        rows.add(result.getString(1));
                    }
                }
                ids.put(table, rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the stored ids from " + url, e);
        }
        return ids;
    }

    /**
     * Asserts an OpenAI-shaped refusal of type {@code invalid_request_error}: the status, a JSON Content-Type, and a
     * body of exactly {@code {"error":{"message","type","param","code"}}} with a non-empty message and the expected
     * param (null included). Returns the {@code error} object for further checks.
     */
    static JsonNode assertError(Reply reply, int status, String param) {
        return assertError(reply, status, "invalid_request_error", param);
    }

    static JsonNode assertError(Reply reply, int status, String type, String param) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as("Content-Type").startsWith("application/json");
        JsonNode body = reply.json();
        assertThat(fieldNames(body)).as("top-level keys of %s", body).containsExactly("error");
        JsonNode error = body.get("error");
        assertThat(fieldNames(error))
                .as("keys of the error in %s", body)
                .containsExactlyInAnyOrder("message", "type", "param", "code");
        assertThat(error.get("message").isTextual()).as("message is a string").isTrue();
        assertThat(error.get("message").asText()).as("message").isNotBlank();
        assertThat(error.get("type").asText()).as("type").isEqualTo(type);
        assertThat(error.get("code").isNull() || error.get("code").isTextual())
                .as("code is a string or null in %s", body)
                .isTrue();
        if (param == null) {
            assertThat(error.get("param").isNull())
                    .as("param is null in %s", body)
                    .isTrue();
        } else {
            assertThat(error.get("param").isTextual())
                    .as("param is a string in %s", body)
                    .isTrue();
            assertThat(error.get("param").asText()).as("param").isEqualTo(param);
        }
        return error;
    }

    private static List<String> fieldNames(JsonNode node) {
        assertThat(node).as("a JSON object").isNotNull();
        assertThat(node.isObject()).as("%s is a JSON object", node).isTrue();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * A body the server must refuse with 400 and {@code param} (null: no param). {@code code} null accepts any code
     * (a string or null); otherwise the code must equal it.
     */
    record BadBody(String label, String body, String param, String code) {

        static BadBody of(String label, String body, String param) {
            return new BadBody(label, body, param, null);
        }

        /** A field the endpoint does not know: OpenAI's code {@code unknown_parameter}. */
        static BadBody unknown(String label, String body, String param) {
            return new BadBody(label, body, param, "unknown_parameter");
        }

        /** A required field left out: OpenAI's code {@code missing_required_parameter}. */
        static BadBody missing(String label, String body, String param) {
            return new BadBody(label, body, param, "missing_required_parameter");
        }

        /** A field of the wrong JSON type: OpenAI's code {@code invalid_type}. */
        static BadBody wrongType(String label, String body, String param) {
            return new BadBody(label, body, param, "invalid_type");
        }

        /** Asserts {@code reply} is this refusal. */
        void assertRefused(Reply reply) {
            JsonNode error = assertError(reply, 400, param);
            if (code != null) {
                assertThat(error.get("code").asText())
                        .as("code in %s", reply.body())
                        .isEqualTo(code);
            }
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One response, read fully. */
    record Reply(int status, Map<String, List<String>> headers, String body) {

        Reply(HttpResponse<String> response) {
            this(response.statusCode(), response.headers().map(), response.body());
        }

        /** The first value of a header (case-insensitive), or null. */
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }

        JsonNode json() {
            return parse(body);
        }
    }
}
