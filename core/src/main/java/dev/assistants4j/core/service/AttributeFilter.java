package dev.assistants4j.core.service;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A filter on the attributes of vector store files: a comparison of one attribute with a value, or an {@code and} /
 * {@code or} of filters. Values are strings, numbers (compared as numbers) or booleans.
 */
public sealed interface AttributeFilter permits AttributeFilter.Comparison, AttributeFilter.Compound {

    /** Whether a file with these attributes passes. */
    boolean matches(Map<String, Object> attributes);

    /**
     * Compares attribute {@code key} with {@code value}. A file without the attribute passes only {@code ne} and
     * {@code nin}. {@code gt}, {@code gte}, {@code lt} and {@code lte} compare numbers with numbers and strings with
     * strings; other pairs do not pass.
     *
     * @param type {@code eq}, {@code ne}, {@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code in} or {@code nin}
     * @param value a string, number or boolean; a list of them for {@code in} and {@code nin}
     */
    record Comparison(String type, String key, Object value) implements AttributeFilter {

        /** The comparison operators. */
        public static final List<String> TYPES = List.of("eq", "ne", "gt", "gte", "lt", "lte", "in", "nin");

        public Comparison {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            value = value instanceof List<?> list ? List.copyOf(list) : value;
        }

        @Override
        public boolean matches(Map<String, Object> attributes) {
            Object actual = attributes.get(key);
            return switch (type) {
                case "eq" -> actual != null && same(actual, value);
                case "ne" -> actual == null || !same(actual, value);
                case "in" -> actual != null && list().stream().anyMatch(v -> same(actual, v));
                case "nin" -> actual == null || list().stream().noneMatch(v -> same(actual, v));
                case "gt", "gte", "lt", "lte" -> ordered(actual);
                default -> throw new IllegalStateException("Unknown comparison " + type);
            };
        }

        private boolean ordered(Object actual) {
            int order;
            if (actual instanceof Number a && value instanceof Number v) {
                order = Double.compare(a.doubleValue(), v.doubleValue());
            } else if (actual instanceof String a && value instanceof String v) {
                order = a.compareTo(v);
            } else {
                return false; // absent, or not comparable with the value
            }
            return switch (type) {
                case "gt" -> order > 0;
                case "gte" -> order >= 0;
                case "lt" -> order < 0;
                default -> order <= 0;
            };
        }

        private List<?> list() {
            return value instanceof List<?> list ? list : List.of(value);
        }

        private static boolean same(Object a, Object b) {
            if (a instanceof Number x && b instanceof Number y) {
                return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
            }
            return a.equals(b);
        }
    }

    /**
     * All ({@code and}) or any ({@code or}) of the filters.
     *
     * @param type {@code and} or {@code or}
     */
    record Compound(String type, List<AttributeFilter> filters) implements AttributeFilter {

        public Compound {
            Objects.requireNonNull(type, "type");
            filters = List.copyOf(filters);
        }

        @Override
        public boolean matches(Map<String, Object> attributes) {
            return type.equals("and")
                    ? filters.stream().allMatch(f -> f.matches(attributes))
                    : filters.stream().anyMatch(f -> f.matches(attributes));
        }
    }
}
