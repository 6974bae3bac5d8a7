package dev.assistants4j.providers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the chat provider and the embedder call their upstream: one JDK HTTP client (HTTP/1.1, redirects not followed)
 * that POSTs JSON with the configured headers, whose values are secrets kept out of messages. Thread-safe; closing it
 * aborts the requests still in progress.
 */
final class UpstreamHttp implements AutoCloseable {

    private final HttpClient http;
    private final Map<String, String> headers;
    private final Secrets secrets;
    private final Duration readTimeout;

    UpstreamHttp(Settings<?> settings) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.headers = Map.copyOf(settings.headers);
        this.secrets = new Secrets(List.copyOf(settings.secrets));
        this.readTimeout = settings.readTimeout;
    }

    Secrets secrets() {
        return secrets;
    }

    Duration readTimeout() {
        return readTimeout;
    }

    /** POSTs {@code json} to {@code uri} with the headers, waiting at most the read timeout for the answer's headers. */
    <T> HttpResponse<T> post(URI uri, byte[] json, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        headers.forEach(request::header);
        return http.send(request.build(), body);
    }

    @Override
    public void close() {
        http.shutdownNow();
    }

    /**
     * The settings the builders of the chat provider and the embedder share. Default connect timeout: 10 s. Not
     * thread-safe.
     */
    abstract static sealed class Settings<B extends Settings<B>>
            permits OpenAiCompatibleProvider.Builder, HttpEmbedder.Settings, OverloadRetries.Settings {

        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<String> secrets = new ArrayList<>();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout;

        Settings(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        /**
         * Adds a header to every request, e.g. {@code OpenAI-Organization}. Header values are treated as secrets: they
         * are removed from error messages (and so is the key of a {@code Bearer} value).
         */
        public B header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            if (value.startsWith("Bearer ")) {
                secrets.add(value.substring("Bearer ".length())); // first: a quoted header shows "Bearer [redacted]"
            }
            secrets.add(value);
            return self();
        }

        /** Sends {@code apiKey}, after {@code prefix} (e.g. {@code "Bearer "}), in {@code name}; nothing when blank. */
        final B key(String name, String prefix, Optional<String> apiKey) {
            apiKey.filter(key -> !key.isBlank()).ifPresent(key -> header(name, prefix + key));
            return self();
        }

        /** How long to wait for the TCP (and TLS) connection. */
        public B connectTimeout(Duration timeout) {
            this.connectTimeout = Endpoints.requirePositive(timeout, "connectTimeout");
            return self();
        }

        /**
         * How long the upstream may stay silent: before the response headers, and (while a chat answer streams)
         * between any two reads of the body. A chat stream that stays silent longer fails with a retriable {@link
         * dev.assistants4j.core.provider.ProviderException}.
         */
        public B readTimeout(Duration timeout) {
            this.readTimeout = Endpoints.requirePositive(timeout, "readTimeout");
            return self();
        }

        @SuppressWarnings("unchecked") // sealed: B is the builder itself
        final B self() {
            return (B) this;
        }
    }
}
