package dev.assistants4j.core.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Limits and copying for the {@code metadata} map every object carries. */
public final class Metadata {

    /** At most this many pairs. */
    public static final int MAX_PAIRS = 16;
    /** Keys are at most this many characters. */
    public static final int MAX_KEY_LENGTH = 64;
    /** Values are at most this many characters. */
    public static final int MAX_VALUE_LENGTH = 512;

    private Metadata() {}

    /** An unmodifiable copy that keeps insertion order; null becomes empty. */
    public static Map<String, String> copyOf(Map<String, String> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
