package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request {@link FakeUpstream} received. Immutable.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the decoded path without the query, e.g. {@code /v1/chat/completions}
 * @param query the decoded query parameters (the first value of each)
 * @param headers the headers, names lower-cased
 * @param body the parsed JSON body; a {@code MissingNode} when the body was empty or not JSON
 * @param rawBody the body as received (UTF-8)
 */
public record RecordedRequest(
        String method,
        String path,
        Map<String, String> query,
        Map<String, List<String>> headers,
        JsonNode body,
        String rawBody) {

    private static final Pattern DEPLOYMENT = Pattern.compile("^/openai/deployments/([^/]+)/.*$");

    public RecordedRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** The first value of a header; the name is case-insensitive. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** A query parameter, e.g. {@code api-version}. */
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The Azure deployment of an {@code /openai/deployments/{deployment}/…} path. */
    public Optional<String> deployment() {
        Matcher matcher = DEPLOYMENT.matcher(path);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
