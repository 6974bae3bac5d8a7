package dev.assistants4j.retrieval.ingest;

import java.util.Locale;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Collects the text of Tika's XHTML events, with a blank line between block elements (paragraphs, headings, pages,
 * slides, tables), a line break after list items, table rows and {@code <br>}, and a tab between table cells. Refuses
 * to hold more than a number of characters. One per parse; not thread-safe.
 */
final class ParagraphTextHandler extends DefaultHandler {

    /** Thrown when the text grows past the limit. */
    static final class TooLongException extends SAXException {
        TooLongException(int limit) {
            super("more than " + limit + " characters of text");
        }
    }

    private static final Set<String> PARAGRAPHS = Set.of(
            "p",
            "div",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "pre",
            "blockquote",
            "table",
            "ul",
            "ol",
            "dl",
            "section",
            "article",
            "header",
            "footer",
            "aside",
            "nav",
            "figure",
            "figcaption",
            "hr",
            "address");
    private static final Set<String> LINES = Set.of("li", "tr", "dt", "dd", "br", "caption");
    private static final Set<String> CELLS = Set.of("td", "th");

    private final StringBuilder text = new StringBuilder();
    private final int limit;
    private int pendingBreak;

    ParagraphTextHandler(int limit) {
        this.limit = limit;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        breakFor(name(localName, qName));
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = name(localName, qName);
        if (CELLS.contains(name)) {
            if (pendingBreak == 0 && !text.isEmpty()) {
                text.append('\t');
            }
        } else {
            breakFor(name);
        }
    }

    @Override
    public void characters(char[] chars, int start, int length) throws SAXException {
        if (pendingBreak > 0 && !isBlank(chars, start, length)) {
            flushBreak();
        }
        appendChecked(chars, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] chars, int start, int length) throws SAXException {
        appendChecked(chars, start, length);
    }

    /** The collected text, with trailing spaces removed from lines and at most one blank line in a row. */
    String text() {
        return TextCleanup.tidy(text.toString());
    }

    private void breakFor(String name) {
        if (PARAGRAPHS.contains(name)) {
            pendingBreak = 2;
        } else if (LINES.contains(name)) {
            pendingBreak = Math.max(pendingBreak, 1);
        }
    }

    private void flushBreak() {
        if (!text.isEmpty()) {
            int newlines = 0;
            for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\n' && newlines < 2; i--) {
                newlines++;
            }
            text.append("\n".repeat(Math.max(0, pendingBreak - newlines)));
        }
        pendingBreak = 0;
    }

    private void appendChecked(char[] chars, int start, int length) throws TooLongException {
        if (text.length() + length > limit) {
            throw new TooLongException(limit);
        }
        text.append(chars, start, length);
    }

    private static boolean isBlank(char[] chars, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (!Character.isWhitespace(chars[i])) {
                return false;
            }
        }
        return true;
    }

    private static String name(String localName, String qName) {
        String name = localName == null || localName.isEmpty() ? qName : localName;
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }
}
