package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A plain JDK HTTP client for the tests of {@link FakeUpstream}. */
final class UpstreamClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** POSTs a body and reads the whole answer as text. */
    HttpResponse<String> post(String url, String body, String... headers) {
        try {
            return http.send(request(url, body, headers), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a body and returns the open answer stream. */
    HttpResponse<InputStream> open(String url, String body) {
        try {
            return http.send(request(url, body), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code data:} payloads of an SSE body, in order. */
    static List<String> dataFrames(String body) {
        List<String> frames = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            if (frame.startsWith("data: ")) {
                frames.add(frame.substring("data: ".length()));
            }
        }
        return frames;
    }

    /** Reads {@code data:} payloads until the stream ends or breaks; a break is not an error here. */
    static List<String> readFramesUntilEnd(BufferedReader reader) {
        List<String> frames = new ArrayList<>();
        try {
            String frame;
            while ((frame = nextDataFrame(reader)) != null) {
                frames.add(frame);
            }
        } catch (IOException e) {
            // the connection was dropped: keep what arrived
        }
        return frames;
    }

    /** The next {@code data:} payload, or null at the end of the stream. */
    static String nextDataFrame(BufferedReader reader) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("data: ")) {
                return line.substring("data: ".length());
            }
        }
        return null;
    }

    static BufferedReader lines(InputStream body) {
        return new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chat request body for {@code gpt-4o} with one user message. */
    static String chatBody(boolean stream, boolean includeUsage) {
        String options = includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "";
        return """
                {"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"stream":%s%s}""".formatted(stream, options);
    }

    private static HttpRequest request(String url, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.build();
    }
}
