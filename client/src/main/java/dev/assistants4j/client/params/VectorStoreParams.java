package dev.assistants4j.client.params;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The body of create and modify vector store ({@code fileIds} and {@code chunkingStrategy} only to create). */
public record VectorStoreParams(
        String name,
        List<String> fileIds,
        JsonNode expiresAfter,
        JsonNode chunkingStrategy,
        Map<String, String> metadata,
        @JsonAnyGetter Map<String, Object> extra)
        implements RequestParams {

    public VectorStoreParams {
        fileIds = Copies.list(fileIds);
        metadata = Copies.map(metadata);
        extra = Copies.extra(extra);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link VectorStoreParams}; not thread-safe. */
    public static final class Builder extends ParamsBuilder<Builder> {
        private String name;
        private List<String> fileIds;
        private JsonNode expiresAfter;
        private JsonNode chunkingStrategy;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder fileIds(List<String> fileIds) {
            this.fileIds = new ArrayList<>(fileIds);
            return this;
        }

        /** {@code {"anchor":"last_active_at","days":N}}. */
        public Builder expiresAfter(JsonNode expiresAfter) {
            this.expiresAfter = expiresAfter;
            return this;
        }

        /** {@code {"type":"auto"}} or {@code {"type":"static","static":{…}}}. */
        public Builder chunkingStrategy(JsonNode chunkingStrategy) {
            this.chunkingStrategy = chunkingStrategy;
            return this;
        }

        public VectorStoreParams build() {
            return new VectorStoreParams(name, fileIds, expiresAfter, chunkingStrategy, metadata, extra);
        }
    }
}
