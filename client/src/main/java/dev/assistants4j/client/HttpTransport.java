package dev.assistants4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Placeholder for the HTTP transport (the JDK's HttpClient to an Assistants v2 server), with the builder surface of the
 * real one, which replaces it on merge. Every call throws {@link UnsupportedOperationException}.
 */
public final class HttpTransport implements Transport {

    private HttpTransport() {}

    /** A builder for the HTTP transport. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public JsonNode send(ApiRequest request) {
        throw new UnsupportedOperationException("HttpTransport placeholder");
    }

    @Override
    public EventStream stream(ApiRequest request) {
        throw new UnsupportedOperationException("HttpTransport placeholder");
    }

    @Override
    public byte[] download(ApiRequest request) {
        throw new UnsupportedOperationException("HttpTransport placeholder");
    }

    @Override
    public void close() {}

    /** Configures an {@link HttpTransport}; not thread-safe. */
    public static final class Builder {

        private Builder() {}

        public Builder baseUrl(String baseUrl) {
            return this;
        }

        public Builder apiKey(String apiKey) {
            return this;
        }

        public Builder azure(String apiVersion) {
            return this;
        }

        public Builder header(String name, String value) {
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            return this;
        }

        public Builder timeout(Duration timeout) {
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            return this;
        }

        public HttpTransport build() {
            throw new UnsupportedOperationException("HttpTransport placeholder");
        }
    }
}
