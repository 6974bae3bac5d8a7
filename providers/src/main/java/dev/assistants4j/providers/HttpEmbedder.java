package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedding model behind an HTTP API, over the JDK HTTP client: what {@link OpenAiEmbedder} (OpenAI's {@code
 * embeddings}) and {@link GeminiEmbedder} (Gemini's {@code batchEmbedContents}) share; each says how a batch is asked
 * for, how the answer's vectors are read and how an error body is mapped.
 *
 * <ul>
 *   <li>Texts are sent in requests of at most the API's number of inputs.
 *   <li>Vectors are normalised to unit length (OpenAI's already are; other servers' may not be).
 *   <li><b>Dimensions</b>: when {@link Settings#dimensions(int)} is set, that number is sent and every vector must have
 *       it; with {@link Settings#expectedDimensions(int)} every vector must have it without it being sent. Otherwise
 *       the first call learns it from the vectors, and {@link #dimensions()} called before any embedding makes a
 *       one-input probe request: an index must know the dimension before it stores anything, and only the server
 *       knows it for sure. A later vector of another length fails with {@link EmbeddingException}.
 *   <li>Blank texts, which the APIs refuse, are not sent: they get a fixed unit vector (all components equal).
 *   <li>Failures become an {@link EmbeddingException} whose message carries the upstream status and message, with the
 *       key and header values removed; its cause is a {@link ProviderException} ({@code status()}, {@code
 *       retriable()}).
 * </ul>
 *
 * Thread-safe; share one instance (it holds one connection pool).
 */
public abstract sealed class HttpEmbedder implements Embedder, AutoCloseable permits OpenAiEmbedder, GeminiEmbedder {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Logger LOG = LoggerFactory.getLogger(HttpEmbedder.class);
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final UpstreamHttp http;
    private final URI uri;
    private final String model;
    private final int maxInputs;
    private final OptionalInt requestedDimensions;
    private volatile int dimensions;

    HttpEmbedder(Settings<?> settings, int maxInputs) {
        this.http = new UpstreamHttp(settings);
        this.uri = settings.uri;
        this.model = settings.model;
        this.maxInputs = maxInputs;
        this.requestedDimensions = settings.dimensions;
        this.dimensions = settings.dimensions.orElse(settings.expectedDimensions);
    }

    /** The JSON request embedding {@code inputs} (none blank) with {@code model}, asking for {@code dimensions}. */
    abstract byte[] request(List<String> inputs, String model, OptionalInt dimensions) throws IOException;

    /**
     * The number arrays of {@code answer}, one per input in input order.
     *
     * @throws EmbeddingException ({@link #malformed}) when the answer does not have one per input
     */
    abstract List<JsonNode> vectors(JsonNode answer, int expected);

    /** The failure an error status and its body stand for. */
    abstract ProviderException refusal(int status, byte[] body, Secrets secrets);

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
        for (int from = 0; from < inputs.size(); from += maxInputs) {
            List<float[]> batch = embedBatch(inputs.subList(from, Math.min(inputs.size(), from + maxInputs)));
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

    /** The failure of an answer that cannot be read as embeddings. */
    final EmbeddingException malformed(String problem, Throwable cause) {
        return new EmbeddingException(
                "the embeddings provider gave an unusable answer for model " + model + ": " + problem, cause);
    }

    private List<float[]> embedBatch(List<String> inputs) {
        HttpResponse<byte[]> response = send(inputs);
        int status = response.statusCode();
        byte[] body = response.body();
        if (status < 200 || status > 299) {
            LOG.debug("{} answered HTTP {} for model {}", uri, status, model);
            ProviderException failure =
                    refusal(status, Arrays.copyOf(body, Math.min(body.length, MAX_ERROR_BODY_BYTES)), http.secrets());
            throw new EmbeddingException(
                    "the embeddings provider answered HTTP " + status + ": " + failure.getMessage(), failure);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            throw malformed("its answer is not JSON", e);
        }
        return vectors(answer == null ? JSON.missingNode() : answer, inputs.size()).stream()
                .map(this::floats)
                .map(HttpEmbedder::normalised)
                .toList();
    }

    private HttpResponse<byte[]> send(List<String> inputs) {
        LOG.debug("POST {} model={} inputs={}", uri, model, inputs.size());
        try {
            return http.post(uri, request(inputs, model, requestedDimensions), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.debug("POST {} failed: {}", uri, e.getClass().getName());
            ProviderException failure = UpstreamErrors.ofTransport(e);
            throw new EmbeddingException(
                    failure.getMessage().replace("model provider", "embeddings provider"), failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while calling the embeddings provider", e);
        }
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
     * Settings of an {@link HttpEmbedder}. Defaults: connect timeout 10 s, read timeout 2 min, no dimensions requested.
     * Not thread-safe; {@code build()} copies it.
     */
    public abstract static sealed class Settings<B extends Settings<B>> extends UpstreamHttp.Settings<B>
            permits OpenAiEmbedder.Builder, GeminiEmbedder.Builder {

        private final URI uri;
        private final String model;
        private OptionalInt dimensions = OptionalInt.empty();
        private int expectedDimensions;

        /** Settings of embedding with {@code model} at {@code uri}. */
        Settings(URI uri, String model) {
            super(Duration.ofMinutes(2));
            Endpoints.requireText(model, "model");
            this.uri = uri;
            this.model = model;
        }

        /**
         * Asks for vectors of this many dimensions (OpenAI's {@code text-embedding-3-*} models and Gemini's can shorten
         * theirs).
         */
        public B dimensions(int dimensions) {
            if (dimensions < 1) {
                throw new IllegalArgumentException("dimensions must be positive");
            }
            this.dimensions = OptionalInt.of(dimensions);
            return self();
        }

        /**
         * The length of the model's vectors, known in advance but not sent (for models that refuse {@code
         * dimensions}); every vector must have it, and {@link #dimensions()} answers it without a request.
         */
        public B expectedDimensions(int dimensions) {
            if (dimensions < 1) {
                throw new IllegalArgumentException("dimensions must be positive");
            }
            this.expectedDimensions = dimensions;
            return self();
        }
    }
}
