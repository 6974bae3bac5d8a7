package dev.assistants4j.retrieval.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently used window vectors by window text, so that the half of a chunk it shares with the previous chunk
 * is not embedded again when the two arrive in different calls. Thread-safe.
 */
final class WindowCache {

    private final Map<String, float[]> entries;

    WindowCache(int capacity) {
        this.entries = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The vector of a window, never modified by callers; null when it is not cached. */
    synchronized float[] get(String window) {
        return entries.get(window);
    }

    synchronized void put(String window, float[] vector) {
        entries.put(window, vector);
    }
}
