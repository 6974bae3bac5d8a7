package dev.assistants4j.testkit.retrieval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Splits text into lower-case words of letters and digits. Stateless. */
final class Words {

    private Words() {}

    static List<String> of(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty())
                .toList();
    }
}
