package dev.assistants4j.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.domain.ChunkingStrategy;
import dev.assistants4j.core.domain.ExpiresAfter;
import dev.assistants4j.core.domain.Metadata;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.service.VectorStoreCreateRequest;
import dev.assistants4j.core.service.VectorStoreFileCreateRequest;
import dev.assistants4j.core.service.VectorStoreFileService;
import dev.assistants4j.core.service.VectorStoreModifyRequest;
import dev.assistants4j.core.service.VectorStoreService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the bodies of the vector store, vector store file and file batch endpoints. */
final class VectorStoreRequests {

    static final int MAX_NAME = 256;
    static final int MAX_DESCRIPTION = 512;

    private static final Set<String> CREATE_FIELDS =
            Set.of("file_ids", "name", "description", "expires_after", "chunking_strategy", "metadata");
    private static final Set<String> MODIFY_FIELDS = Set.of("name", "expires_after", "metadata");
    private static final Set<String> FILE_FIELDS = Set.of("file_id", "chunking_strategy", "attributes");
    private static final Set<String> BATCH_FIELDS = Set.of("file_ids", "files", "chunking_strategy", "attributes");

    private VectorStoreRequests() {}

    static VectorStoreCreateRequest create(JsonObjectReader body) {
        body.allowOnly(CREATE_FIELDS);
        return new VectorStoreCreateRequest(
                body.string("name", MAX_NAME).orElse(null),
                body.string("description", MAX_DESCRIPTION).orElse(null),
                body.strings("file_ids", VectorStoreService.MAX_CREATE_FILES).orElse(null),
                chunkingStrategy(body, "chunking_strategy").orElse(null),
                expiresAfter(body, "expires_after").orElse(null),
                body.metadata("metadata").orElse(null));
    }

    static VectorStoreModifyRequest modify(JsonObjectReader body) {
        body.allowOnly(MODIFY_FIELDS);
        return new VectorStoreModifyRequest(
                body.patch("name", name -> body.string(name, MAX_NAME)),
                body.patch("expires_after", name -> expiresAfter(body, name)),
                body.patch("metadata", body::metadata));
    }

    static VectorStoreFileCreateRequest file(JsonObjectReader body) {
        body.allowOnly(FILE_FIELDS);
        return new VectorStoreFileCreateRequest(
                body.requiredString("file_id"),
                chunkingStrategy(body, "chunking_strategy").orElse(null),
                attributes(body, "attributes").orElse(null));
    }

    /** {@code {"attributes": …}}: required, null clears them. */
    static Map<String, Object> attributesUpdate(JsonObjectReader body) {
        body.allowOnly(Set.of("attributes"));
        if (!body.has("attributes")) {
            throw body.missing("attributes");
        }
        return attributes(body, "attributes").orElse(Map.of());
    }

    /** A batch: {@code file_ids} (sharing the top-level options) or {@code files}, never both. */
    static List<VectorStoreFileCreateRequest> batch(JsonObjectReader body) {
        body.allowOnly(BATCH_FIELDS);
        boolean ids = !body.absentOrNull("file_ids");
        boolean files = !body.absentOrNull("files");
        if (ids == files) {
            throw new InvalidRequestException(
                    ids
                            ? "'file_ids' and 'files' are mutually exclusive: send one of them."
                            : "Missing required parameter: either 'file_ids' or 'files' must be provided.",
                    ids ? "files" : "file_ids",
                    ids ? "invalid_value" : "missing_required_parameter");
        }
        ChunkingStrategy strategy = chunkingStrategy(body, "chunking_strategy").orElse(null);
        Map<String, Object> attributes = attributes(body, "attributes").orElse(null);
        List<VectorStoreFileCreateRequest> requests = ids
                ? body.strings("file_ids", VectorStoreFileService.MAX_BATCH_FILES).orElseThrow().stream()
                        .map(id -> new VectorStoreFileCreateRequest(id, strategy, attributes))
                        .toList()
                : body.array("files", VectorStoreFileService.MAX_BATCH_FILES, (v, p) -> file(JsonObjectReader.of(v, p)))
                        .orElseThrow();
        if (requests.isEmpty()) {
            String param = ids ? "file_ids" : "files";
            throw new InvalidRequestException(
                    "Invalid '" + param + "': empty array. Expected an array with minimum length 1, but got an empty"
                            + " array instead.",
                    param,
                    "empty_array");
        }
        return requests;
    }

    /** {@code {"type":"auto"}} (null: auto) or {@code {"type":"static","static":{…}}}; the overlap rule is the service's. */
    static Optional<ChunkingStrategy> chunkingStrategy(JsonObjectReader body, String name) {
        return body.object(name).map(strategy -> {
            String type = required(strategy, "type", strategy.oneOf("type", Set.of("auto", "static")));
            if (type.equals("auto")) {
                strategy.allowOnly(Set.of("type"));
                return ChunkingStrategy.AUTO;
            }
            strategy.allowOnly(Set.of("type", "static"));
            JsonObjectReader sizes = required(strategy, "static", strategy.object("static"));
            sizes.allowOnly(Set.of("max_chunk_size_tokens", "chunk_overlap_tokens"));
            int max = required(
                    sizes,
                    "max_chunk_size_tokens",
                    sizes.integer(
                            "max_chunk_size_tokens",
                            ChunkingStrategy.MIN_CHUNK_TOKENS,
                            ChunkingStrategy.MAX_CHUNK_TOKENS));
            int overlap = required(
                    sizes, "chunk_overlap_tokens", sizes.integer("chunk_overlap_tokens", 0, Integer.MAX_VALUE));
            return ChunkingStrategy.of(max, overlap);
        });
    }

    static Optional<ExpiresAfter> expiresAfter(JsonObjectReader body, String name) {
        return body.object(name).map(policy -> {
            policy.allowOnly(Set.of("anchor", "days"));
            String anchor = required(policy, "anchor", policy.oneOf("anchor", Set.of(ExpiresAfter.LAST_ACTIVE_AT)));
            int days = required(policy, "days", policy.integer("days", ExpiresAfter.MIN_DAYS, ExpiresAfter.MAX_DAYS));
            return new ExpiresAfter(anchor, days);
        });
    }

    /** Up to 16 attributes: keys of at most 64 characters, values strings (≤ 512), numbers or booleans. */
    static Optional<Map<String, Object>> attributes(JsonObjectReader body, String name) {
        return body.object(name)
                .map(object -> object.keyedValues(
                        "attribute", "invalid_value", (key, value) -> attributeValue(object, key, value)));
    }

    private static Object attributeValue(JsonObjectReader object, String key, JsonNode value) {
        if (value.isTextual()) {
            return object.string(key, Metadata.MAX_VALUE_LENGTH).orElseThrow();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        throw object.typeError(key, "a string, number or boolean", value);
    }

    /** The value of a required field, refused as missing when absent and as the wrong type when null. */
    static <T> T required(JsonObjectReader body, String name, Optional<T> value) {
        if (!body.has(name)) {
            throw body.missing(name);
        }
        return value.orElseThrow(() -> body.typeError(name, "a value", null));
    }
}
