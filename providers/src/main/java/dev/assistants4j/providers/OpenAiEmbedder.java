package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.search.Embedder;
import dev.assistants4j.core.search.EmbeddingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedding model behind the OpenAI embeddings API ({@code POST {base}/embeddings}): OpenAI, Azure OpenAI
 * deployments, or any compatible server (Ollama, vLLM, LiteLLM…), over the JDK HTTP client, with the same
 * authentication and error conventions as {@link OpenAiCompatibleProvider}.
 *
 * <ul>
 *   <li>Texts are sent in requests of at most {@value #MAX_INPUTS} inputs (OpenAI's limit is 2,048 inputs and 300,000
 *       tokens per request; 256 chunks of 800 tokens stay under both), with {@code encoding_format: float} and, when
 *       configured, {@code dimensions}.
 *   <li>Vectors are normalised to unit length (OpenAI's already are; other servers' may not be).
 *   <li><b>Dimensions</b>: when {@link Builder#dimensions(int)} is set, that number is sent and every vector must have
 *       it; with {@link Builder#expectedDimensions(int)} every vector must have it without it being sent. Otherwise
 *       the first call learns it from the vectors, and {@link #dimensions()} called before any embedding
 *       makes a one-input probe request: an index must know the dimension before it stores anything, and only the
 *       server knows it for sure. A later vector of another length fails with {@link EmbeddingException}.
 *   <li>Blank texts, which OpenAI refuses, are not sent: they get a fixed unit vector (all components equal).
 *   <li>Failures become an {@link EmbeddingException} whose message carries the upstream status and message, with the
 *       key and header values removed; its cause is a {@link ProviderException} ({@code status()}, {@code
 *       retriable()}).
 * </ul>
 *
 * Thread-safe; share one instance (it holds one connection pool).
 */
public final class OpenAiEmbedder implements Embedder, AutoCloseable {

    /** The most inputs sent in one request. */
    public static final int MAX_INPUTS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiEmbedder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final UpstreamHttp http;
    private final URI embeddings;
    private final String model;
    private final OptionalInt requestedDimensions;
    private volatile int dimensions;

    private OpenAiEmbedder(Builder builder) {
        this.http = new UpstreamHttp(builder);
        this.embeddings = builder.embeddings;
        this.model = builder.model;
        this.requestedDimensions = builder.dimensions;
        this.dimensions = builder.dimensions.orElse(builder.expectedDimensions);
    }

    /**
     * OpenAI or a compatible server: {@code POST {baseUrl}/embeddings} with {@code Authorization: Bearer} when a key is
     * given.
     *
     * @param baseUrl e.g. {@code https://api.openai.com/v1}
     * @param model e.g. {@code text-embedding-3-small}
     */
    public static Builder openAi(URI baseUrl, Optional<String> apiKey, String model) {
        Endpoints.requireText(model, "model");
        Builder builder = new Builder(Endpoints.openAi(baseUrl, "embeddings"), model);
        apiKey.filter(key -> !key.isBlank()).ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        return builder;
    }

    /**
     * Azure OpenAI: {@code POST {endpoint}/openai/deployments/{deployment}/embeddings?api-version=…} with an {@code
     * api-key} header. The deployment is also the model name.
     */
    public static Builder azure(URI endpoint, String deployment, String apiVersion, String apiKey) {
        URI uri = Endpoints.azure(endpoint, deployment, apiVersion, "embeddings");
        Endpoints.requireText(apiKey, "apiKey");
        return new Builder(uri, deployment).header("api-key", apiKey);
    }

    /** The model's name, with the requested dimension when one is set (e.g. {@code text-embedding-3-large@256}). */
    @Override
    public String name() {
        return requestedDimensions.isPresent() ? model + "@" + requestedDimensions.getAsInt() : model;
    }

    /** The configured dimension, else the one learnt from the first answer (asking the server once if needed). */
    @Override
    public int dimensions() {
        if (dimensions == 0) {
            embedBatch(List.of("dimension probe"));
        }
        return dimensions;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<String> inputs = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) != null && !texts.get(i).isBlank()) {
                inputs.add(texts.get(i));
                positions.add(i);
            }
        }
        float[][] vectors = new float[texts.size()][];
        for (int from = 0; from < inputs.size(); from += MAX_INPUTS) {
            List<float[]> batch = embedBatch(inputs.subList(from, Math.min(inputs.size(), from + MAX_INPUTS)));
            for (int i = 0; i < batch.size(); i++) {
                vectors[positions.get(from + i)] = batch.get(i);
            }
        }
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null) {
                vectors[i] = blankVector(dimensions());
            }
        }
        return Arrays.asList(vectors);
    }

    /** Stops the HTTP client, aborting requests still in progress. */
    @Override
    public void close() {
        http.close();
    }

    private List<float[]> embedBatch(List<String> inputs) {
        HttpResponse<byte[]> response = send(inputs);
        int status = response.statusCode();
        byte[] body = response.body();
        if (status < 200 || status > 299) {
            LOG.debug("{} answered HTTP {} for model {}", embeddings, status, model);
            ProviderException failure = UpstreamErrors.ofStatus(
                    status, Arrays.copyOf(body, Math.min(body.length, MAX_ERROR_BODY_BYTES)), JSON, http.secrets());
            throw new EmbeddingException(
                    "the embeddings provider answered HTTP " + status + ": " + failure.getMessage(), failure);
        }
        return vectors(body, inputs.size());
    }

    private HttpResponse<byte[]> send(List<String> inputs) {
        ObjectNode request = JSON.createObjectNode().put("model", model);
        ArrayNode input = request.putArray("input");
        inputs.forEach(input::add);
        request.put("encoding_format", "float");
        requestedDimensions.ifPresent(value -> request.put("dimensions", value));
        LOG.debug("POST {} model={} inputs={}", embeddings, model, inputs.size());
        try {
            return http.post(embeddings, JSON.writeValueAsBytes(request), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.debug("POST {} failed: {}", embeddings, e.getClass().getName());
            ProviderException failure = UpstreamErrors.ofTransport(e);
            throw new EmbeddingException(
                    failure.getMessage().replace("model provider", "embeddings provider"), failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while calling the embeddings provider", e);
        }
    }

    private List<float[]> vectors(byte[] body, int expected) {
        JsonNode data;
        try {
            data = JSON.readTree(body).path("data");
        } catch (IOException e) {
            throw malformed("its answer is not JSON", e);
        }
        if (!data.isArray() || data.size() != expected) {
            throw malformed("it answered " + data.size() + " embeddings for " + expected + " inputs", null);
        }
        float[][] vectors = new float[expected][];
        for (int i = 0; i < expected; i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").asInt(i);
            if (index < 0 || index >= expected || vectors[index] != null) {
                throw malformed("it answered an embedding with index " + index, null);
            }
            vectors[index] = normalised(floats(item.path("embedding")));
        }
        return List.of(vectors);
    }

    private float[] floats(JsonNode embedding) {
        if (!embedding.isArray() || embedding.isEmpty()) {
            throw malformed("an embedding is not an array of numbers", null);
        }
        float[] vector = new float[embedding.size()];
        for (int i = 0; i < vector.length; i++) {
            if (!embedding.get(i).isNumber()) {
                throw malformed("an embedding is not an array of numbers", null);
            }
            vector[i] = embedding.get(i).floatValue();
        }
        checkDimensions(vector.length);
        return vector;
    }

    private synchronized void checkDimensions(int length) {
        if (dimensions == 0) {
            dimensions = length;
        } else if (length != dimensions) {
            throw malformed("it answered a vector of " + length + " dimensions instead of " + dimensions, null);
        }
    }

    private EmbeddingException malformed(String problem, Throwable cause) {
        return new EmbeddingException(
                "the embeddings provider gave an unusable answer for model " + model + ": " + problem, cause);
    }

    private static float[] normalised(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += value * value;
        }
        if (sum == 0) {
            return blankVector(vector.length);
        }
        double norm = Math.sqrt(sum);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
        return vector;
    }

    private static float[] blankVector(int dimensions) {
        float[] vector = new float[dimensions];
        Arrays.fill(vector, (float) (1 / Math.sqrt(dimensions)));
        return vector;
    }

    /**
     * Settings of an {@link OpenAiEmbedder}. Defaults: connect timeout 10 s, read timeout 2 min, no {@code
     * dimensions}. Not thread-safe; {@link #build()} copies it.
     */
    public static final class Builder extends UpstreamHttp.Settings<Builder> {

        private final URI embeddings;
        private final String model;
        private OptionalInt dimensions = OptionalInt.empty();
        private int expectedDimensions;

        private Builder(URI embeddings, String model) {
            super(Duration.ofMinutes(2));
            this.embeddings = embeddings;
            this.model = model;
        }

        /** Asks for vectors of this many dimensions ({@code text-embedding-3-*} models can shorten theirs). */
        public Builder dimensions(int dimensions) {
            if (dimensions < 1) {
                throw new IllegalArgumentException("dimensions must be positive");
            }
            this.dimensions = OptionalInt.of(dimensions);
            return this;
        }

        /**
         * The length of the model's vectors, known in advance but not sent (for models that refuse {@code
         * dimensions}); every vector must have it, and {@link #dimensions()} answers it without a request.
         */
        public Builder expectedDimensions(int dimensions) {
            if (dimensions < 1) {
                throw new IllegalArgumentException("dimensions must be positive");
            }
            this.expectedDimensions = dimensions;
            return this;
        }

        public OpenAiEmbedder build() {
            return new OpenAiEmbedder(this);
        }
    }
}
