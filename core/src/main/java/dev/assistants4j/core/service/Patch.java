package dev.assistants4j.core.service;

/**
 * One field of a modify request: left as it is ({@link Keep}), cleared to null ({@link Clear}), or set
 * ({@link Value}). This tells an absent field from an explicit null.
 */
public sealed interface Patch<T> permits Patch.Keep, Patch.Clear, Patch.Value {

    /** The new value of a field whose current value is {@code current}. */
    T apply(T current);

    static <T> Patch<T> keep() {
        return new Keep<>();
    }

    static <T> Patch<T> clear() {
        return new Clear<>();
    }

    static <T> Patch<T> of(T value) {
        return value == null ? clear() : new Value<>(value);
    }

    /** Leave the field unchanged. */
    record Keep<T>() implements Patch<T> {
        @Override
        public T apply(T current) {
            return current;
        }
    }

    /** Set the field to null (or its empty value). */
    record Clear<T>() implements Patch<T> {
        @Override
        public T apply(T current) {
            return null;
        }
    }

    /** Set the field to {@code value}. */
    record Value<T>(T value) implements Patch<T> {
        @Override
        public T apply(T current) {
            return value;
        }
    }
}
