package dev.assistants4j.bench;

import java.util.Locale;

/**
 * A bench's progress lines on stderr (stdout holds only its report), each after the bench's name.
 *
 * @param bench what each line starts with, such as {@code "index bench"}
 */
record Progress(String bench) {

    /** Prints {@code format} with {@code args} (in {@link Locale#ROOT}) as one line. */
    void print(String format, Object... args) {
        System.err.println(bench + ": " + String.format(Locale.ROOT, format, args));
    }
}
