package dev.assistants4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpTransportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ERROR_404 = """
            {"error":{"message":"No assistant found with id 'asst_x'.","type":"invalid_request_error",\
            "param":"assistant_id","code":"not_found"}}""";

    private final ScriptedServer server = new ScriptedServer();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpTransport transport;

    @AfterEach
    void stop() {
        release.countDown();
        if (transport != null) {
            transport.close();
        }
        server.close();
    }

    private HttpTransport.Builder builder() {
        return HttpTransport.builder().baseUrl(server.baseUrl()).apiKey("sk-test");
    }

    @Test
    void sends_the_key_as_bearer_the_beta_header_and_escaped_query() {
        server.thenJson(200, "{\"object\":\"list\",\"data\":[]}");
        transport = builder().header("OpenAI-Organization", "org-1").build();

        JsonNode answer = transport.send(ApiRequest.get("/assistants")
                .query("limit", 2)
                .query("include[]", "step_details.tool_calls[*].file_search.results[*].content")
                .query("after", "a b&c"));

        assertThat(answer.path("object").asText()).isEqualTo("list");
        var request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.uri().getRawPath()).isEqualTo("/v1/assistants");
        assertThat(request.uri().getRawQuery())
                .isEqualTo("limit=2&include%5B%5D=step_details.tool_calls%5B*%5D.file_search.results%5B*%5D.content"
                        + "&after=a%20b%26c");
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test");
        assertThat(request.header("api-key")).isNull();
        assertThat(request.header("OpenAI-Beta")).isEqualTo("assistants=v2");
        assertThat(request.header("OpenAI-Organization")).isEqualTo("org-1");
        assertThat(request.header("Accept")).isEqualTo("application/json");
        assertThat(HttpTransport.VERSION).isNotEqualTo("unknown");
        assertThat(request.header("User-Agent")).isEqualTo("assistants4j-client/" + HttpTransport.VERSION);
    }

    @Test
    void azure_style_sends_the_key_as_api_key_and_the_api_version_on_every_call() {
        server.thenJson(200, "{}").thenJson(200, "{\"deleted\":true}");
        transport = HttpTransport.builder()
                .baseUrl(server.baseUrl() + "/")
                .apiKey("azure-key")
                .azure("2024-05-01-preview")
                .build();

        transport.send(ApiRequest.get("/threads/thread_1/messages").query("order", "asc"));
        transport.send(ApiRequest.delete("/threads/thread_1"));

        var requests = server.requests();
        assertThat(requests)
                .extracting(r -> r.uri().getRawPath())
                .containsExactly("/v1/threads/thread_1/messages", "/v1/threads/thread_1");
        assertThat(requests)
                .extracting(r -> r.uri().getRawQuery())
                .containsExactly("order=asc&api-version=2024-05-01-preview", "api-version=2024-05-01-preview");
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.header("api-key")).isEqualTo("azure-key");
            assertThat(r.header("Authorization")).isNull();
            assertThat(r.header("OpenAI-Beta")).isEqualTo("assistants=v2");
        });
        assertThat(requests.get(1).method()).isEqualTo("DELETE");
    }

    @Test
    void posts_the_json_body_unchanged() throws Exception {
        server.thenJson(200, "{\"id\":\"asst_1\",\"object\":\"assistant\"}");
        transport = builder().build();
        ObjectNode body = MAPPER.createObjectNode().put("model", "gpt-4o").put("name", "Math Tutor ✓");
        body.putArray("tools").addObject().put("type", "code_interpreter");

        JsonNode answer = transport.send(ApiRequest.post("/assistants", body));

        assertThat(answer.path("id").asText()).isEqualTo("asst_1");
        var request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(MAPPER.readTree(request.body())).isEqualTo(body);
    }

    @Test
    void uploads_a_file_as_multipart_that_parses_back() {
        server.thenJson(200, "{\"id\":\"file-1\",\"object\":\"file\"}");
        transport = builder().build();
        byte[] content = "line one\r\n--not a boundary\r\n\u0000\u00ff end".getBytes(StandardCharsets.ISO_8859_1);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("purpose", "assistants");
        fields.put("note", "été");

        JsonNode answer = transport.send(ApiRequest.upload(
                "/files", new RequestBody.FileUpload("my \"notes\".txt", content, "text/plain", fields)));

        assertThat(answer.path("id").asText()).isEqualTo("file-1");
        var request = server.onlyRequest();
        String contentType = request.header("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        List<Part> parts = Part.parse(request.body(), contentType.substring(contentType.indexOf('=') + 1));
        assertThat(parts)
                .extracting(Part::disposition)
                .containsExactly(
                        "form-data; name=\"purpose\"",
                        "form-data; name=\"note\"",
                        "form-data; name=\"file\"; filename=\"my %22notes%22.txt\"");
        assertThat(parts.get(0).text()).isEqualTo("assistants");
        assertThat(parts.get(1).text()).isEqualTo("été");
        assertThat(parts.get(2).contentType()).isEqualTo("text/plain");
        assertThat(parts.get(2).content()).isEqualTo(content);
    }

    @Test
    void an_error_envelope_becomes_the_exception_its_status_names() {
        server.thenJson(404, ERROR_404)
                .thenJson(
                        400,
                        "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\","
                                + "\"param\":\"model\",\"code\":null}}")
                .thenJson(
                        429,
                        "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\","
                                + "\"code\":\"rate_limit_exceeded\"}}");
        transport = builder().maxRetries(0).build();

        assertThatThrownBy(() -> transport.send(ApiRequest.get("/assistants/asst_x")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("No assistant found with id 'asst_x'.");
                    assertThat(e.type()).isEqualTo("invalid_request_error");
                    assertThat(e.code()).isEqualTo("not_found");
                    assertThat(e.param()).isEqualTo("assistant_id");
                });
        assertThatThrownBy(() -> transport.send(ApiRequest.post("/assistants", MAPPER.createObjectNode())))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.param()).isEqualTo("model");
                    assertThat(e.code()).isNull();
                });
        assertThatThrownBy(() -> transport.send(ApiRequest.get("/assistants")))
                .isInstanceOfSatisfying(
                        RateLimitException.class, e -> assertThat(e.code()).isEqualTo("rate_limit_exceeded"));
    }

    @Test
    void a_success_that_is_not_json_is_an_error_saying_so() {
        server.then(200, "text/html", "<html><body>Welcome to nginx!</body></html>", Map.of());
        transport = builder().build();

        assertThatThrownBy(() -> transport.send(ApiRequest.get("/assistants")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(200))
                .hasMessage("The answer to GET /assistants is not JSON: Welcome to nginx!");
    }

    @Test
    void a_proxy_html_page_becomes_a_readable_server_error() {
        server.then(
                        502,
                        "text/html",
                        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
                                + "</center><hr><center>nginx</center></body></html>",
                        Map.of())
                .then(503, null, "", Map.of());
        transport = builder().build();

        assertThatThrownBy(() -> transport.send(ApiRequest.post("/threads", MAPPER.createObjectNode())))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).isEqualTo("HTTP 502: 502 Bad Gateway");
                    assertThat(e.type()).isNull();
                });
        assertThatThrownBy(() -> transport.send(ApiRequest.post("/threads", MAPPER.createObjectNode())))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.getMessage()).isEqualTo("HTTP 503");
                });
    }

    @Test
    void a_get_is_retried_on_5xx_until_it_succeeds() {
        server.then(500, "application/json", "{\"error\":{\"message\":\"boom\"}}", Map.of("retry-after-ms", "1"))
                .then(503, "text/plain", "busy", Map.of("retry-after-ms", "1"))
                .thenJson(200, "{\"id\":\"thread_1\"}");
        transport = builder().build();

        JsonNode answer = transport.send(ApiRequest.get("/threads/thread_1"));

        assertThat(answer.path("id").asText()).isEqualTo("thread_1");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void a_get_gives_up_after_max_retries_with_the_last_error() {
        for (int i = 0; i < 3; i++) {
            server.then(
                    500,
                    "application/json",
                    "{\"error\":{\"message\":\"boom " + i + "\"}}",
                    Map.of("retry-after-ms", "1"));
        }
        server.thenJson(200, "{}");
        transport = builder().maxRetries(2).build();

        assertThatThrownBy(() -> transport.send(ApiRequest.delete("/files/file-1")))
                .isInstanceOf(InternalServerException.class)
                .hasMessage("boom 2");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void a_429_is_retried_after_the_delay_the_server_asks() {
        server.then(
                        429,
                        "application/json",
                        "{\"error\":{\"message\":\"slow down\"}}",
                        Map.of("retry-after-ms", "5", "retry-after", "0"))
                .thenJson(200, "{\"object\":\"list\"}");
        transport = builder().build();

        assertThat(transport
                        .send(ApiRequest.get("/vector_stores"))
                        .path("object")
                        .asText())
                .isEqualTo("list");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void x_should_retry_false_stops_a_retry() {
        server.then(503, "application/json", "{\"error\":{\"message\":\"down\"}}", Map.of("x-should-retry", "false"))
                .thenJson(200, "{}");
        transport = builder().build();

        assertThatThrownBy(() -> transport.send(ApiRequest.get("/assistants")))
                .isInstanceOf(InternalServerException.class);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void a_post_is_never_retried() {
        server.then(500, "application/json", "{\"error\":{\"message\":\"boom\"}}", Map.of("retry-after-ms", "1"))
                .thenJson(200, "{}");
        transport = builder().maxRetries(5).build();

        assertThatThrownBy(() -> transport.send(ApiRequest.post("/threads/thread_1/runs", MAPPER.createObjectNode())))
                .isInstanceOf(InternalServerException.class)
                .hasMessage("boom");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void a_get_is_retried_after_a_dropped_connection_but_a_post_is_not() {
        server.then(exchange -> {
                    throw new ScriptedServer.DropConnection();
                })
                .thenJson(200, "{\"id\":\"run_1\"}")
                .then(exchange -> {
                    throw new ScriptedServer.DropConnection();
                })
                .thenJson(200, "{}");
        transport = builder().build();

        assertThat(transport
                        .send(ApiRequest.get("/threads/thread_1/runs/run_1"))
                        .path("id")
                        .asText())
                .isEqualTo("run_1");
        assertThat(server.requests()).hasSize(2);
        assertThatThrownBy(() -> transport.send(
                        ApiRequest.post("/threads/thread_1/runs/run_1/cancel", MAPPER.createObjectNode())))
                .isInstanceOfSatisfying(ApiConnectionException.class, e -> assertThat(e.timedOut())
                        .isFalse());
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void a_refused_connection_is_a_connection_exception() throws Exception {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        transport = HttpTransport.builder()
                .baseUrl("http://127.0.0.1:" + port + "/v1")
                .maxRetries(0)
                .build();

        assertThatThrownBy(() -> transport.send(ApiRequest.get("/assistants")))
                .isInstanceOfSatisfying(ApiConnectionException.class, e -> {
                    assertThat(e.timedOut()).isFalse();
                    assertThat(e.getMessage()).startsWith("GET /assistants could not connect");
                });
    }

    @Test
    void a_call_answered_too_late_times_out() {
        server.then(exchange -> release.await(1, TimeUnit.MINUTES));
        transport = builder().timeout(Duration.ofMillis(200)).build();

        assertThatThrownBy(() -> transport.send(ApiRequest.post("/threads", MAPPER.createObjectNode())))
                .isInstanceOfSatisfying(ApiConnectionException.class, e -> assertThat(e.timedOut())
                        .isTrue());
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void a_stream_that_does_not_start_in_time_times_out() {
        server.then(exchange -> release.await(1, TimeUnit.MINUTES));
        transport = builder().timeout(Duration.ofMillis(200)).build();

        assertThatThrownBy(() -> transport.stream(ApiRequest.post("/threads/runs", MAPPER.createObjectNode())))
                .isInstanceOfSatisfying(ApiConnectionException.class, e -> assertThat(e.timedOut())
                        .isTrue());
    }

    @Test
    void closing_leaves_a_given_http_client_open_and_refuses_further_calls() {
        server.thenJson(200, "{\"n\":1}").thenJson(200, "{\"n\":2}");
        HttpClient shared = HttpClient.newHttpClient();
        transport = builder().httpClient(shared).build();
        assertThat(transport.send(ApiRequest.get("/assistants")).path("n").asInt())
                .isEqualTo(1);

        transport.close();

        assertThatThrownBy(() -> transport.send(ApiRequest.get("/assistants")))
                .isInstanceOf(IllegalStateException.class);
        try (shared;
                HttpTransport again = builder().httpClient(shared).build()) {
            assertThat(again.send(ApiRequest.get("/assistants")).path("n").asInt())
                    .isEqualTo(2);
        }
    }

    @Test
    void an_interrupted_call_keeps_the_interrupt() {
        server.then(exchange -> release.await(1, TimeUnit.MINUTES));
        transport = builder().build();

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> transport.send(ApiRequest.get("/assistants")))
                    .isInstanceOfSatisfying(ApiConnectionException.class, e -> assertThat(e.timedOut())
                            .isFalse());
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void downloads_raw_bytes() {
        byte[] content = {0, 1, 2, (byte) 0xff, '\r', '\n'};
        server.then(exchange -> ScriptedServer.respond(exchange, 200, "application/octet-stream", content));
        transport = builder().build();

        assertThat(transport.download(ApiRequest.get("/files/file-1/content"))).isEqualTo(content);
        assertThat(server.onlyRequest().uri().getRawPath()).isEqualTo("/v1/files/file-1/content");
    }

    @Test
    void streams_events_until_done() {
        String body = ": keep-alive\r\n"
                + "event: thread.run.created\r\n"
                + "data: {\"id\":\"run_1\",\r\n"
                + "data: \"status\":\"queued\"}\r\n"
                + "\r\n"
                + "data: {\"unnamed\":true}\n"
                + "\n"
                + "event: thread.message.delta\n"
                + "id: 7\n"
                + "data:{\"delta\":\"hi\"}\n"
                + "\n"
                + "event: done\n"
                + "data: [DONE]\n"
                + "\n"
                + "event: thread.run.completed\n"
                + "data: {\"after\":\"done\"}\n"
                + "\n";
        server.then(200, "text/event-stream", body, Map.of());
        transport = builder().build();
        ObjectNode create =
                MAPPER.createObjectNode().put("assistant_id", "asst_1").put("stream", true);

        List<ServerSentEvent> events = new ArrayList<>();
        try (EventStream stream = transport.stream(ApiRequest.post("/threads/thread_1/runs", create))) {
            for (Optional<ServerSentEvent> event = stream.next(); event.isPresent(); event = stream.next()) {
                events.add(event.get());
            }
            assertThat(stream.next()).isEmpty();
        }

        assertThat(events)
                .containsExactly(
                        new ServerSentEvent("thread.run.created", "{\"id\":\"run_1\",\n\"status\":\"queued\"}"),
                        new ServerSentEvent("message", "{\"unnamed\":true}"),
                        new ServerSentEvent("thread.message.delta", "{\"delta\":\"hi\"}"));
        assertThat(server.onlyRequest().header("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void a_stream_refused_before_it_starts_throws_its_error() {
        server.thenJson(404, ERROR_404);
        transport = builder().build();

        assertThatThrownBy(() -> transport.stream(ApiRequest.post("/threads/runs", MAPPER.createObjectNode())))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.param()).isEqualTo("assistant_id"));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void closing_a_stream_midway_returns_and_ends_it() {
        server.then(exchange -> {
            ScriptedServer.startStream(exchange, "event: thread.run.created\ndata: {}\n\n");
            release.await(1, TimeUnit.MINUTES);
        });
        transport = builder().build();

        EventStream stream = transport.stream(ApiRequest.post("/threads/runs", MAPPER.createObjectNode()));
        assertThat(stream.next()).contains(new ServerSentEvent("thread.run.created", "{}"));
        stream.close();

        assertThat(stream.next()).isEmpty();
    }

    @Test
    void a_stream_silent_longer_than_its_idle_timeout_times_out() {
        server.then(exchange -> {
            ScriptedServer.startStream(exchange, "event: thread.run.created\ndata: {}\n\n: keep-alive\n");
            release.await(1, TimeUnit.MINUTES);
        });
        transport = builder().idleTimeout(Duration.ofMillis(200)).build();

        EventStream stream = transport.stream(ApiRequest.post("/threads/runs", MAPPER.createObjectNode()));
        assertThat(stream.next()).contains(new ServerSentEvent("thread.run.created", "{}"));
        assertThatThrownBy(stream::next)
                .isInstanceOfSatisfying(ApiConnectionException.class, e -> assertThat(e.timedOut())
                        .isTrue());
        assertThat(stream.next()).isEmpty();
    }

    @Test
    void a_stream_cut_midway_is_a_connection_exception_or_its_end() {
        server.then(exchange -> {
            ScriptedServer.startStream(
                    exchange, "event: thread.run.created\ndata: {}\n\nevent: thread.message.delta\ndata: {\"par");
            throw new ScriptedServer.DropConnection();
        });
        transport = builder().build();

        EventStream stream = transport.stream(ApiRequest.post("/threads/runs", MAPPER.createObjectNode()));
        assertThat(stream.next()).contains(new ServerSentEvent("thread.run.created", "{}"));
        // The half-sent event is never returned: the cut either shows as a broken connection or ends the stream.
        try {
            assertThat(stream.next()).isEmpty();
        } catch (ApiConnectionException e) {
            assertThat(e.timedOut()).isFalse();
        }
        stream.close();
    }

    @Test
    void retry_delays_follow_the_server_or_back_off_exponentially() {
        assertThat(HttpTransport.retryDelay(0, headers(Map.of("retry-after-ms", "12.5")), 0.9))
                .isEqualTo(Duration.ofNanos(12_500_000));
        assertThat(HttpTransport.retryDelay(0, headers(Map.of("retry-after", "3")), 0.9))
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(HttpTransport.retryDelay(0, headers(Map.of("retry-after", "3600")), 0))
                .as("a wait longer than a minute is not honoured")
                .isEqualTo(Duration.ofMillis(500));
        assertThat(HttpTransport.retryDelay(1, null, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(HttpTransport.retryDelay(2, headers(Map.of("retry-after", "soon")), 0))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(HttpTransport.retryDelay(9, null, 0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(HttpTransport.retryDelay(0, null, 1)).isEqualTo(Duration.ofMillis(375));
        assertThat(HttpTransport.shouldRetry(409, headers(Map.of()))).isTrue();
        assertThat(HttpTransport.shouldRetry(404, headers(Map.of()))).isFalse();
        assertThat(HttpTransport.shouldRetry(400, headers(Map.of("x-should-retry", "true"))))
                .isTrue();
    }

    @Test
    void the_builder_refuses_what_cannot_work() {
        assertThatThrownBy(() -> HttpTransport.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> HttpTransport.builder().baseUrl("localhost:8080/v1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpTransport.builder().header("Host", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpTransport.builder().maxRetries(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static java.net.http.HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        values.forEach((name, value) -> multi.put(name, List.of(value)));
        return java.net.http.HttpHeaders.of(multi, (name, value) -> true);
    }

    /** One part of a multipart/form-data body, parsed back. */
    private record Part(String disposition, String contentType, byte[] content) {

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        static List<Part> parse(byte[] body, String boundary) {
            byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
            byte[] framed = new byte[body.length + 2];
            framed[0] = '\r';
            framed[1] = '\n';
            System.arraycopy(body, 0, framed, 2, body.length);
            List<Part> parts = new ArrayList<>();
            int at = indexOf(framed, delimiter, 0);
            while (true) {
                int start = at + delimiter.length;
                if (framed[start] == '-' && framed[start + 1] == '-') {
                    return parts;
                }
                int next = indexOf(framed, delimiter, start);
                String section = new String(framed, start + 2, next - start - 2, StandardCharsets.ISO_8859_1);
                int split = section.indexOf("\r\n\r\n");
                String disposition = null;
                String type = null;
                for (String line : section.substring(0, split).split("\r\n")) {
                    String lower = line.toLowerCase();
                    if (lower.startsWith("content-disposition: ")) {
                        disposition = new String(
                                line.substring(21).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                    } else if (lower.startsWith("content-type: ")) {
                        type = line.substring(14);
                    }
                }
                int contentStart = start + 2 + split + 4;
                parts.add(new Part(disposition, type, Arrays.copyOfRange(framed, contentStart, next)));
                at = next;
            }
        }

        private static int indexOf(byte[] data, byte[] needle, int from) {
            outer:
            for (int i = from; i <= data.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (data[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            throw new AssertionError("no boundary after " + from);
        }
    }
}
