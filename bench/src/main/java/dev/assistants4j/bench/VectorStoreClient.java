package dev.assistants4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The API calls of the ingestion benchmark, made over HTTP like any client's: upload a file, create a vector store,
 * add the file to it, read the vector store file back. Not thread-safe.
 */
final class VectorStoreClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "assistants4j-bench-boundary";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final String base;

    /** @param base the server's API base, e.g. {@code http://127.0.0.1:8080/v1} */
    VectorStoreClient(String base) {
        this.base = base;
    }

    /** Uploads a file with purpose {@code assistants}; returns its id. */
    String upload(String filename, byte[] content) throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n"
                        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: text/plain\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/files"))
                .timeout(TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return send(request).path("id").asText();
    }

    /** Creates an empty vector store; returns its id. */
    String createVectorStore(String name) throws IOException, InterruptedException {
        return post("/vector_stores", "{\"name\":\"" + name + "\"}").path("id").asText();
    }

    /** Adds a file to a vector store with the default (auto) chunking strategy; returns the vector store file. */
    JsonNode addFile(String vectorStoreId, String fileId) throws IOException, InterruptedException {
        return post("/vector_stores/" + vectorStoreId + "/files", "{\"file_id\":\"" + fileId + "\"}");
    }

    /** The vector store file as the API shows it. */
    JsonNode vectorStoreFile(String vectorStoreId, String fileId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/vector_stores/" + vectorStoreId + "/files/" + fileId))
                .timeout(TIMEOUT)
                .GET()
                .build());
    }

    private JsonNode post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
