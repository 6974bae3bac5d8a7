package dev.assistants4j.retrieval.ingest;

/** Whitespace tidying of extracted text. Stateless, thread-safe. */
final class TextCleanup {

    private TextCleanup() {}

    /**
     * The text with {@code \r\n} and {@code \r} turned into {@code \n}, spaces and tabs removed from line ends, NUL
     * characters dropped, at most one blank line in a row, and no blank lines at the start or end.
     */
    static String tidy(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int newlines = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 < length && text.charAt(i + 1) == '\n') {
                    continue;
                }
                c = '\n';
            }
            if (c == '\n') {
                trimLineEnd(out);
                newlines++;
                if (newlines <= 2 && !out.isEmpty()) {
                    out.append('\n');
                }
            } else if (c != '\0') {
                if (c != ' ' && c != '\t') {
                    newlines = 0;
                }
                out.append(c);
            }
        }
        trimLineEnd(out);
        while (!out.isEmpty() && out.charAt(out.length() - 1) == '\n') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    /**
     * Line endings normalised to {@code \n} and a leading byte-order mark dropped; nothing else changes (indentation
     * and blank lines of source code matter).
     */
    static String normaliseLineEnds(String text) {
        String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return withoutBom.indexOf('\r') < 0
                ? withoutBom
                : withoutBom.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static void trimLineEnd(StringBuilder out) {
        int end = out.length();
        while (end > 0 && (out.charAt(end - 1) == ' ' || out.charAt(end - 1) == '\t')) {
            end--;
        }
        out.setLength(end);
    }
}
