package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.provider.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An embedding model behind the OpenAI embeddings API ({@code POST {base}/embeddings}): OpenAI, Azure OpenAI
 * deployments, or any compatible server (Ollama, vLLM, LiteLLM…), with the same authentication and error conventions
 * as {@link OpenAiCompatibleProvider}. Texts are sent in requests of at most {@value #MAX_INPUTS} inputs (OpenAI's
 * limit is 2,048 inputs and 300,000 tokens per request; 256 chunks of 800 tokens stay under both), with {@code
 * encoding_format: float} and, when configured, {@code dimensions}; the rest as {@link HttpEmbedder}.
 *
 * <p>Thread-safe; share one instance (it holds one connection pool).
 */
public final class OpenAiEmbedder extends HttpEmbedder {

    /** The most inputs sent in one request. */
    public static final int MAX_INPUTS = 256;

    private OpenAiEmbedder(Builder builder) {
        super(builder, MAX_INPUTS);
    }

    /**
     * OpenAI or a compatible server: {@code POST {baseUrl}/embeddings} with {@code Authorization: Bearer} when a key is
     * given.
     *
     * @param baseUrl e.g. {@code https://api.openai.com/v1}
     * @param model e.g. {@code text-embedding-3-small}
     */
    public static Builder openAi(URI baseUrl, Optional<String> apiKey, String model) {
        return new Builder(Endpoints.openAi(baseUrl, "embeddings"), model).key("Authorization", "Bearer ", apiKey);
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

    @Override
    byte[] request(List<String> inputs, String model, OptionalInt dimensions) throws IOException {
        ObjectNode request = JSON.createObjectNode().put("model", model);
        inputs.forEach(request.putArray("input")::add);
        request.put("encoding_format", "float");
        dimensions.ifPresent(value -> request.put("dimensions", value));
        return JSON.writeValueAsBytes(request);
    }

    /** {@code data[].embedding}, placed by each item's {@code index}. */
    @Override
    List<JsonNode> vectors(JsonNode answer, int expected) {
        JsonNode data = answer.path("data");
        if (!data.isArray() || data.size() != expected) {
            throw malformed("it answered " + data.size() + " embeddings for " + expected + " inputs", null);
        }
        JsonNode[] vectors = new JsonNode[expected];
        for (int i = 0; i < expected; i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").asInt(i);
            if (index < 0 || index >= expected || vectors[index] != null) {
                throw malformed("it answered an embedding with index " + index, null);
            }
            vectors[index] = item.path("embedding");
        }
        return Arrays.asList(vectors);
    }

    @Override
    ProviderException refusal(int status, byte[] body, Secrets secrets) {
        return UpstreamErrors.ofStatus(status, body, JSON, secrets);
    }

    /** Settings of an {@link OpenAiEmbedder}, as {@link HttpEmbedder.Settings}. Not thread-safe. */
    public static final class Builder extends HttpEmbedder.Settings<Builder> {

        private Builder(URI embeddings, String model) {
            super(embeddings, model);
        }

        public OpenAiEmbedder build() {
            return new OpenAiEmbedder(this);
        }
    }
}
