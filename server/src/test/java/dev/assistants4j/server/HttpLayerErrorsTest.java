package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests refused by the HTTP layer (Jetty's parser and URI checks, Javalin's path decoding, a body that breaks
 * HTTP), sent as raw bytes because Java's HTTP client refuses to send most of them: each is answered with OpenAI's
 * JSON error envelope and the right status, never Jetty's HTML page or an empty body.
 */
class HttpLayerErrorsTest {

    @TempDir
    static Path dataDir;

    static AssistantsServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A request line and headers that Jetty refuses, and the status it must answer with. */
    record Refused(String label, String request, int status, String type) {

        static Refused of(String label, String request, int status) {
            return new Refused(label, request, status, status >= 500 ? "server_error" : "invalid_request_error");
        }

        /** {@code METHOD target HTTP/1.1} with a Host and {@code Connection: close}, and {@code headers} (CRLF each). */
        static Refused line(String label, String method, String target, String headers, int status) {
            return of(
                    label,
                    method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n",
                    status);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Refused> refusedRequests() {
        return Stream.of(
                Refused.line("%00 in the path", "GET", "/v1/files/%00", "", 400),
                Refused.line("invalid %-escape in the path", "GET", "/v1/files/%zz", "", 400),
                Refused.line("DELETE with an invalid %-escape", "DELETE", "/v1/files/%zz", "", 400),
                Refused.line("DELETE with an ambiguous path", "DELETE", "/v1/files/..;/x", "", 400),
                Refused.line("DELETE with bad UTF-8 in the path", "DELETE", "/v1/files/%C0%AF", "", 400),
                Refused.line("POST with bad UTF-8 in the path", "POST", "/v1/threads/%C0%AF", "", 400),
                Refused.line("%u escape in the path", "GET", "/v1/files/%u0041", "", 400),
                Refused.line("DELETE with a %u escape in the path", "DELETE", "/v1/assistants/%u0041", "", 400),
                Refused.line("URI over 8 KB", "GET", "/v1/files/" + "a".repeat(9000), "", 414),
                Refused.line("headers over 8 KB", "GET", "/v1/files", "X-Big: " + "a".repeat(20_000) + "\r\n", 431),
                Refused.line("header line without a colon", "GET", "/v1/files", "NoColonHere\r\n", 400),
                Refused.line("invalid Content-Length", "POST", "/v1/assistants", "Content-Length: abc\r\n", 400),
                Refused.line(
                        "Transfer-Encoding not ending in chunked",
                        "POST",
                        "/v1/assistants",
                        "Transfer-Encoding: gzip\r\n",
                        400),
                Refused.line(
                        "unsupported Expect", "POST", "/v1/assistants", "Expect: banana\r\nContent-Length: 2\r\n", 417),
                Refused.of("request line without a URI", "GARBAGE\r\n\r\n", 400),
                Refused.of("HTTP/1.1 without a Host", "GET /v1/files HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
                Refused.of(
                        "unknown HTTP version", "GET /v1/files HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n", 505),
                Refused.of(
                        "chunk size that is not hex",
                        "POST /v1/assistants HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n",
                        400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRequests")
    void refused_request_gets_the_json_error_envelope(Refused refused) {
        // when
        Reply reply = RawSocket.send(server.port(), refused.request());

        // then
        assertThat(reply.body()).as("body").doesNotContain("<html");
        assertError(reply, refused.status(), refused.type(), null);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void jettys_refusal_carries_a_request_id_and_says_what_was_wrong() {
        // when
        Reply reply = RawSocket.send(
                server.port(),
                "GET /v1/files/" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        // then
        JsonNode error = assertError(reply, 414, null);
        assertThat(error.get("message").asText()).isEqualTo("The request URI is too long.");
        assertThat(reply.header("x-request-id")).startsWith("req_");
    }

    @Test
    void the_server_still_answers_after_refusing_broken_requests() {
        // given
        refusedRequests().forEach(refused -> RawSocket.send(server.port(), refused.request()));

        // when
        Reply reply =
                RawSocket.send(server.port(), "GET /v1/assistants HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("object").asText()).isEqualTo("list");
    }
}
