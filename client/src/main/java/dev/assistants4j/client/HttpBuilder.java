package dev.assistants4j.client;

import java.time.Duration;

/**
 * Configures an {@link Assistants4j} over HTTP: each setting goes to {@link HttpTransport.Builder}. Not thread-safe;
 * the client it builds is.
 */
public final class HttpBuilder {

    private final HttpTransport.Builder transport = HttpTransport.builder();

    HttpBuilder() {}

    /** The API's base URL, with its version path ({@code http://localhost:4000/v1}). */
    public HttpBuilder baseUrl(String baseUrl) {
        transport.baseUrl(baseUrl);
        return this;
    }

    /** The key sent as a bearer token (or as {@code api-key} in Azure style). */
    public HttpBuilder apiKey(String apiKey) {
        transport.apiKey(apiKey);
        return this;
    }

    /** Azure style: the key in an {@code api-key} header and {@code api-version} on every call. */
    public HttpBuilder azure(String apiVersion) {
        transport.azure(apiVersion);
        return this;
    }

    /** A header sent with every call. */
    public HttpBuilder header(String name, String value) {
        transport.header(name, value);
        return this;
    }

    public HttpBuilder connectTimeout(Duration timeout) {
        transport.connectTimeout(timeout);
        return this;
    }

    /** How long one call may take. */
    public HttpBuilder timeout(Duration timeout) {
        transport.timeout(timeout);
        return this;
    }

    /** How many times an idempotent call is retried after a 429 or 5xx answer. */
    public HttpBuilder maxRetries(int maxRetries) {
        transport.maxRetries(maxRetries);
        return this;
    }

    /** How long a stream may stay silent (keep-alive comments count) before it fails; off by default. */
    public HttpBuilder idleTimeout(Duration timeout) {
        transport.idleTimeout(timeout);
        return this;
    }

    /** The JDK client to send with (the caller closes it); by default one of the transport's own. */
    public HttpBuilder httpClient(java.net.http.HttpClient client) {
        transport.httpClient(client);
        return this;
    }

    public Assistants4j build() {
        return Assistants4j.over(transport.build());
    }
}
