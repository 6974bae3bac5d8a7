package dev.assistants4j.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a request carries: nothing, a JSON object, or a file upload (multipart/form-data). */
public sealed interface RequestBody {

    /** No body (GET, DELETE, and POSTs such as cancel). */
    RequestBody NONE = new None();

    record None() implements RequestBody {}

    /** A JSON object; the transport must not change it. */
    record Json(ObjectNode value) implements RequestBody {
        public Json {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A multipart upload: one file part named {@code file} and text parts ({@code purpose}), in order.
     *
     * @param contentType the file part's content type; {@code application/octet-stream} when unknown
     */
    record FileUpload(String filename, byte[] content, String contentType, Map<String, String> fields)
            implements RequestBody {
        public FileUpload {
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(content, "content");
            contentType = contentType == null ? "application/octet-stream" : contentType;
            fields.forEach((name, value) -> Objects.requireNonNull(value, name));
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }
}
