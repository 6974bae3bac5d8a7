package dev.assistants4j.client.params;

import java.util.LinkedHashMap;
import java.util.Map;

/** What every params builder has: metadata and extra raw fields. Not thread-safe. */
public abstract class ParamsBuilder<B extends ParamsBuilder<B>> {

    Map<String, String> metadata;
    final Map<String, Object> extra = new LinkedHashMap<>();

    ParamsBuilder() {}

    /** This builder as its own type. */
    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /** Replaces the metadata (up to 16 string pairs). */
    public B metadata(Map<String, String> metadata) {
        this.metadata = metadata == null ? null : new LinkedHashMap<>(metadata);
        return self();
    }

    /** Adds one metadata pair. */
    public B metadata(String key, String value) {
        if (metadata == null) {
            metadata = new LinkedHashMap<>();
        }
        metadata.put(key, value);
        return self();
    }

    /** Adds a raw field to the body, for what the params do not type; it overrides a typed field of that name. */
    public B extra(String name, Object value) {
        extra.put(name, value);
        return self();
    }
}
