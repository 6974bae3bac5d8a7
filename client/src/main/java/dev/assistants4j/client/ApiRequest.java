package dev.assistants4j.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One call of the Assistants API, as a transport carries it: a method, a path below the base URL (for example
 * {@code /threads/thread_abc/runs}, path segments already escaped), query parameters in order (a name may repeat, as
 * {@code include[]} does) and a body.
 */
public record ApiRequest(Method method, String path, List<QueryParam> query, RequestBody body) {

    /** The HTTP methods the Assistants API uses. */
    public enum Method {
        GET,
        POST,
        DELETE;

        /** Whether sending the call twice has the effect of sending it once, so that a retry is safe. */
        public boolean idempotent() {
            return this != POST;
        }
    }

    /** A query parameter; {@code value} is not escaped yet. */
    public record QueryParam(String name, String value) {
        public QueryParam {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
        query = List.copyOf(query);
        Objects.requireNonNull(body, "body");
    }

    public static ApiRequest get(String path) {
        return new ApiRequest(Method.GET, path, List.of(), RequestBody.NONE);
    }

    public static ApiRequest delete(String path) {
        return new ApiRequest(Method.DELETE, path, List.of(), RequestBody.NONE);
    }

    /** A POST with a JSON body. */
    public static ApiRequest post(String path, ObjectNode json) {
        return new ApiRequest(Method.POST, path, List.of(), new RequestBody.Json(json));
    }

    /** A POST with a multipart body (a file upload). */
    public static ApiRequest upload(String path, RequestBody.FileUpload upload) {
        return new ApiRequest(Method.POST, path, List.of(), upload);
    }

    /** This request with one more query parameter; a null value adds nothing. */
    public ApiRequest query(String name, Object value) {
        if (value == null) {
            return this;
        }
        List<QueryParam> more = new ArrayList<>(query);
        more.add(new QueryParam(name, value.toString()));
        return new ApiRequest(method, path, more, body);
    }
}
