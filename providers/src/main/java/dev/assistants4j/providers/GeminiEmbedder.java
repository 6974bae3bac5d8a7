package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.provider.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Gemini embedding model behind the Gemini API, spoken natively: {@code POST
 * {apiBase}/v1beta/models/{model}:batchEmbedContents} with the key in {@code x-goog-api-key}, one {@code
 * EmbedContentRequest} ({@code model}, {@code content.parts[].text}, when configured {@code outputDimensionality}) per
 * text, at most {@value #MAX_INPUTS} per call (the API's limit); the answer's {@code embeddings[].values} come in the
 * requests' order. Errors are read as {@link GeminiProvider}'s ({@code {"error":{"code","message","status"}}}); the
 * rest as {@link HttpEmbedder}.
 *
 * <p>Thread-safe; share one instance (it holds one connection pool). The key never appears in URLs or messages.
 */
public final class GeminiEmbedder extends HttpEmbedder {

    /** The most texts sent in one request. */
    public static final int MAX_INPUTS = 100;

    private GeminiEmbedder(Builder builder) {
        super(builder, MAX_INPUTS);
    }

    /**
     * An embedder of {@code model} (e.g. {@code gemini-embedding-001}) at {@code apiBase}.
     *
     * @param apiBase e.g. {@link GeminiProvider#DEFAULT_API_BASE}; one that already ends with {@code /v1beta} is
     *     accepted too
     * @param apiKey sent as {@code x-goog-api-key}; without one (a gateway that adds it) no key is sent
     */
    public static Builder builder(URI apiBase, Optional<String> apiKey, String model) {
        URI uri = Endpoints.gemini(Endpoints.withoutSuffix(apiBase, "/v1beta"), model, "batchEmbedContents");
        return new Builder(uri, model).key("x-goog-api-key", "", apiKey);
    }

    @Override
    byte[] request(List<String> inputs, String model, OptionalInt dimensions) throws IOException {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode requests = request.putArray("requests");
        for (String input : inputs) {
            ObjectNode item = requests.addObject().put("model", Endpoints.geminiModel(model));
            item.putObject("content").putArray("parts").addObject().put("text", input);
            dimensions.ifPresent(value -> item.put("outputDimensionality", value));
        }
        return JSON.writeValueAsBytes(request);
    }

    /** {@code embeddings[].values}, in the requests' order. */
    @Override
    List<JsonNode> vectors(JsonNode answer, int expected) {
        JsonNode embeddings = answer.path("embeddings");
        if (!embeddings.isArray() || embeddings.size() != expected) {
            throw malformed("it answered " + embeddings.size() + " embeddings for " + expected + " texts", null);
        }
        List<JsonNode> vectors = new ArrayList<>(expected);
        embeddings.forEach(embedding -> vectors.add(embedding.path("values")));
        return vectors;
    }

    @Override
    ProviderException refusal(int status, byte[] body, Secrets secrets) {
        return GeminiErrors.ofStatus(status, body, JSON, secrets);
    }

    /** Settings of a {@link GeminiEmbedder}, as {@link HttpEmbedder.Settings}. Not thread-safe. */
    public static final class Builder extends HttpEmbedder.Settings<Builder> {

        private Builder(URI batchEmbedContents, String model) {
            super(batchEmbedContents, model);
        }

        public GeminiEmbedder build() {
            return new GeminiEmbedder(this);
        }
    }
}
