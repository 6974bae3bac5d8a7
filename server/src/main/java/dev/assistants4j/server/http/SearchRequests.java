package dev.assistants4j.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.service.AttributeFilter;
import dev.assistants4j.core.service.VectorStoreSearchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code POST /vector_stores/{id}/search} bodies, attribute filters included. */
final class SearchRequests {

    static final Set<String> RANKERS = Set.of("none", "auto", "default-2024-11-15");

    /** The most queries in one search, filters in one compound filter, and levels of nested compound filters. */
    static final int MAX_QUERIES = 20;

    static final int MAX_FILTERS = 64;
    static final int MAX_DEPTH = 8;

    private static final Set<String> FILTER_TYPES =
            Set.of("eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "and", "or");

    private static final Set<String> FIELDS =
            Set.of("query", "rewrite_query", "max_num_results", "filters", "ranking_options");

    private SearchRequests() {}

    static VectorStoreSearchRequest search(JsonObjectReader body) {
        body.allowOnly(FIELDS);
        List<String> queries = queries(body);
        int maxResults = body.integer("max_num_results", 1, VectorStoreSearchRequest.MAX_NUM_RESULTS)
                .orElse(VectorStoreSearchRequest.DEFAULT_MAX_NUM_RESULTS);
        boolean rewrite = body.bool("rewrite_query").orElse(false);
        Optional<AttributeFilter> filter = body.object("filters").map(f -> filter(f, 0));
        String ranker = "auto";
        double threshold = 0;
        Optional<JsonObjectReader> ranking = body.object("ranking_options");
        if (ranking.isPresent()) {
            ranking.get().allowOnly(Set.of("ranker", "score_threshold"));
            ranker = ranking.get().oneOf("ranker", RANKERS).orElse(ranker);
            threshold = ranking.get().number("score_threshold", 0, 1).orElse(threshold);
        }
        return new VectorStoreSearchRequest(queries, maxResults, filter, ranker, threshold, rewrite);
    }

    private static List<String> queries(JsonObjectReader body) {
        if (!body.has("query")) {
            throw body.missing("query");
        }
        JsonNode query = body.value("query").orElseThrow(() -> body.typeError("query", "a string or an array", null));
        List<String> queries = query.isTextual()
                ? List.of(query.textValue())
                : query.isArray() ? body.strings("query", MAX_QUERIES).orElseThrow() : List.of();
        if (!query.isTextual() && !query.isArray()) {
            throw body.typeError("query", "a string or an array of strings", query);
        }
        if (queries.isEmpty() || queries.stream().allMatch(String::isBlank)) {
            throw new InvalidRequestException("Invalid 'query': must not be empty.", "query", "invalid_value");
        }
        return queries;
    }

    /** A comparison ({@code eq}, {@code ne}, …) or compound ({@code and}, {@code or}) filter. */
    static AttributeFilter filter(JsonObjectReader filter, int depth) {
        if (!filter.has("type")) {
            throw filter.missing("type");
        }
        String type = filter.oneOf("type", FILTER_TYPES).orElseThrow(() -> filter.typeError("type", "a string", null));
        if (type.equals("and") || type.equals("or")) {
            return compound(filter, type, depth);
        }
        filter.allowOnly(Set.of("type", "key", "value"));
        String key = filter.requiredString("key");
        if (!filter.has("value")) {
            throw filter.missing("value");
        }
        JsonNode value = filter.value("value").orElseThrow(() -> filter.typeError("value", "a value", null));
        boolean list = type.equals("in") || type.equals("nin");
        return new AttributeFilter.Comparison(type, key, list ? values(filter, value) : scalar(filter, value));
    }

    private static AttributeFilter compound(JsonObjectReader filter, String type, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new InvalidRequestException(
                    "Invalid '" + filter.path("filters") + "': filters nest at most " + MAX_DEPTH + " levels deep.",
                    filter.path("filters"),
                    "invalid_value");
        }
        filter.allowOnly(Set.of("type", "filters"));
        if (!filter.has("filters")) {
            throw filter.missing("filters");
        }
        List<AttributeFilter> filters = filter.array(
                        "filters", MAX_FILTERS, (v, p) -> filter(JsonObjectReader.of(v, p), depth + 1))
                .orElseThrow(() -> filter.typeError("filters", "an array", null));
        return new AttributeFilter.Compound(type, filters);
    }

    private static Object scalar(JsonObjectReader filter, JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : value.doubleValue();
        }
        throw filter.typeError("value", "a string, number or boolean", value);
    }

    private static List<Object> values(JsonObjectReader filter, JsonNode value) {
        if (!value.isArray()) {
            throw filter.typeError("value", "an array", value);
        }
        List<Object> values = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() && !item.isNumber()) {
                throw filter.typeError("value", "an array of strings and numbers", value);
            }
            values.add(scalar(filter, item));
        }
        return values;
    }
}
