package dev.assistants4j.server.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.search.HashEmbeddings;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The embeddings of a {@code mock/…} route, made offline by {@link HashEmbeddings#response} (the same implementation
 * testkit's fake upstream answers with): for each input a unit vector seeded by the SHA-256 of its text, so the same
 * text always gets the same vector, {@value #DEFAULT_DIMENSIONS} dimensions unless the request asks for others.
 * Stateless, thread-safe.
 */
final class MockEmbeddings {

    /** The dimension of mock vectors when the request does not ask for one. */
    static final int DEFAULT_DIMENSIONS = 384;

    private MockEmbeddings() {}

    /**
     * The answer to {@code request} (whose {@code model} is the upstream name).
     *
     * @throws dev.assistants4j.core.error.InvalidRequestException its 400 refusal
     */
    static UpstreamResponse answer(ObjectNode request) {
        ObjectNode response =
                HashEmbeddings.response(request, request.path("model").asText(), DEFAULT_DIMENSIONS);
        try {
            return UpstreamResponse.of(200, "application/json", Map.of(), Json.MAPPER.writeValueAsBytes(response));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
