package dev.assistants4j.client.params;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable copies that keep null (unset) as null, and keep a map's order. */
final class Copies {

    private Copies() {}

    static <T> List<T> list(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    static Map<String, Object> extra(Map<String, Object> extra) {
        return extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }
}
