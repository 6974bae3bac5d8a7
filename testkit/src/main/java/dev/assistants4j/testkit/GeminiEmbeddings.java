package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.search.HashEmbeddings;
import dev.assistants4j.testkit.AnthropicRequestCheck.Refusal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's Gemini {@code POST /v1beta/models/{model}:batchEmbedContents}: for each {@code EmbedContentRequest} the
 * {@link HashEmbeddings} vector of its parts' text, of {@code outputDimensionality} dimensions or the fake's default,
 * as {@code {"embeddings":[{"values":[…]}]}}. Refused as Gemini refuses them: no key (403), no {@code requests} or more
 * than {@value #MAX_REQUESTS}, a request whose {@code model} is not the path's, or without text (400). Stateless.
 */
final class GeminiEmbeddings {

    /** Gemini's limit of requests in one batch. */
    static final int MAX_REQUESTS = 100;

    private static final Pattern PATH = Pattern.compile("^/v1beta/((?:models|tunedModels)/[^/:]+):batchEmbedContents$");

    private GeminiEmbeddings() {}

    /** The model of a batchEmbedContents call, e.g. {@code models/gemini-embedding-001}; empty for another request. */
    static Optional<String> model(RecordedRequest request) {
        Matcher matcher = PATH.matcher(request.path());
        return matcher.matches() && request.method().equals("POST") ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Gemini's answer to {@code request} for {@code model}: the vectors, or a refusal's error body. */
    static Answer answer(RecordedRequest request, String model, int defaultDimensions) {
        Optional<Refusal> unidentified = GeminiRequestCheck.key(request);
        if (unidentified.isPresent()) {
            return refusal(unidentified.get().status(), unidentified.get().message());
        }
        JsonNode requests = request.body().path("requests");
        if (!requests.isArray() || requests.isEmpty()) {
            return invalid("* BatchEmbedContentsRequest.requests: requests is not specified");
        }
        if (requests.size() > MAX_REQUESTS) {
            return invalid("* BatchEmbedContentsRequest.requests: at most " + MAX_REQUESTS + " requests can be in one"
                    + " batch");
        }
        ObjectNode response = WireJson.MAPPER.createObjectNode();
        ArrayNode embeddings = response.putArray("embeddings");
        for (int i = 0; i < requests.size(); i++) {
            JsonNode item = requests.get(i);
            if (!item.path("model").asText().equals(model)) {
                return invalid("Model name in request %d (%s) does not match the model in the URL (%s)."
                        .formatted(i, item.path("model").asText(), model));
            }
            StringBuilder text = new StringBuilder();
            item.path("content")
                    .path("parts")
                    .forEach(part -> text.append(part.path("text").asText("")));
            if (text.isEmpty()) {
                return invalid(
                        "* BatchEmbedContentsRequest.requests[%d].content: contains an empty Part.".formatted(i));
            }
            int dimensions = item.path("outputDimensionality").asInt(defaultDimensions);
            ArrayNode values = embeddings.addObject().putArray("values");
            for (float value : HashEmbeddings.vector(text.toString(), dimensions)) {
                values.add(value);
            }
        }
        return new Answer(200, response);
    }

    private static Answer invalid(String message) {
        return refusal(400, message);
    }

    private static Answer refusal(int status, String message) {
        return new Answer(status, GeminiWire.error(status, GeminiWire.status(status), message, null));
    }

    /** A status and its JSON body. */
    record Answer(int status, JsonNode body) {}
}
