package dev.assistants4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A function call that a scripted {@link Reply} makes. {@link FakeUpstream} streams it the way OpenAI does: a first
 * delta with the id, the name and empty arguments, then the arguments in fragments of at most
 * {@value #FRAGMENT_LENGTH} characters. Immutable.
 *
 * @param id the call id, {@code call_} followed by 24 digits unless set with {@link #withId(String)}
 * @param name the function name
 * @param arguments the complete arguments JSON text, as the model would produce it
 */
public record ToolCall(String id, String name, String arguments) {

    /** The longest argument fragment streamed in one delta. */
    public static final int FRAGMENT_LENGTH = 8;

    private static final AtomicLong IDS = new AtomicLong();

    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }

    /** A call with a fresh id ({@code call_000000000000000000000001}, then 2, … in creation order). */
    public static ToolCall of(String name, String arguments) {
        return new ToolCall("call_%024d".formatted(IDS.incrementAndGet()), name, arguments);
    }

    /** The same call with another id. */
    public ToolCall withId(String newId) {
        return new ToolCall(newId, name, arguments);
    }

    /** The arguments as streamed: fragments of at most {@value #FRAGMENT_LENGTH} characters, never splitting a code point. */
    public List<String> argumentFragments() {
        List<String> fragments = new ArrayList<>();
        int start = 0;
        while (start < arguments.length()) {
            int end = Math.min(arguments.length(), start + FRAGMENT_LENGTH);
            if (end < arguments.length() && Character.isHighSurrogate(arguments.charAt(end - 1))) {
                end--;
            }
            fragments.add(arguments.substring(start, end));
            start = end;
        }
        return fragments;
    }
}
