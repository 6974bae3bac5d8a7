package dev.assistants4j.client.params;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/** The body of a vector store search: the query, how many results, attribute filters and ranking options. */
public record SearchParams(
        String query,
        Integer maxNumResults,
        JsonNode filters,
        JsonNode rankingOptions,
        Boolean rewriteQuery,
        @JsonAnyGetter Map<String, Object> extra)
        implements RequestParams {

    public SearchParams {
        Objects.requireNonNull(query, "query");
        extra = Copies.extra(extra);
    }

    /** A search for {@code query} with the server's defaults. */
    public static SearchParams of(String query) {
        return new SearchParams(query, null, null, null, null, null);
    }

    public SearchParams maxNumResults(int maxNumResults) {
        return new SearchParams(query, maxNumResults, filters, rankingOptions, rewriteQuery, extra);
    }

    public SearchParams filters(JsonNode filters) {
        return new SearchParams(query, maxNumResults, filters, rankingOptions, rewriteQuery, extra);
    }

    public SearchParams rankingOptions(JsonNode rankingOptions) {
        return new SearchParams(query, maxNumResults, filters, rankingOptions, rewriteQuery, extra);
    }

    public SearchParams rewriteQuery(boolean rewriteQuery) {
        return new SearchParams(query, maxNumResults, filters, rankingOptions, rewriteQuery, extra);
    }
}
