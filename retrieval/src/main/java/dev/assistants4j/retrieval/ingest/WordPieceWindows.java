package dev.assistants4j.retrieval.ingest;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cuts a text into consecutive windows of at most a number of word pieces (the model's tokens), never inside a word
 * unless one word alone is longer than a window.
 *
 * <p>A text of at most the maximum is one window. A longer one is cut: each window, its last included, ends at the
 * first sentence end at least {@value #MIN_PIECES} word pieces after its start; failing that, at the last word start
 * that fits (or at the text's end). Because this choice depends only on where the window starts and on the text, two
 * overlapping chunks of a file (which share half of their text) soon cut their shared part at the same places, so
 * their shared windows are the same strings and are embedded once ({@link LocalEmbedder} reuses them). Thread-safe
 * (the tokenizer is).
 */
final class WordPieceWindows {

    /** A piece of the text and how many word pieces it has (its weight when the vectors are averaged). */
    record Window(String text, int pieces) {}

    /** The shortest window ended at a sentence end (shorter sentences are joined with the next). */
    static final int MIN_PIECES = 16;

    private static final Set<String> SENTENCE_ENDS = Set.of(".", "!", "?", ";", "\u3002", "\uff01", "\uff1f");

    private final HuggingFaceTokenizer tokenizer;
    private final int maxPieces;

    /**
     * @param tokenizer the model's tokenizer, without truncation
     */
    WordPieceWindows(HuggingFaceTokenizer tokenizer, int maxPieces) {
        this.tokenizer = tokenizer;
        this.maxPieces = maxPieces;
    }

    List<Window> of(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        CharSpan[] spans = encoding.getCharTokenSpans();
        int count = spans.length;
        if (count <= maxPieces) {
            return List.of(new Window(text, Math.max(1, count)));
        }
        Pieces pieces = new Pieces(text, encoding.getTokens(), encoding.getWordIds(), spans);
        List<Window> windows = new ArrayList<>();
        int start = 0;
        while (start < count) {
            int end = pieces.cut(start, maxPieces);
            windows.add(new Window(pieces.text(start, end), end - start));
            start = end;
        }
        return windows;
    }

    /** The word pieces of a text. */
    private record Pieces(String text, String[] tokens, long[] words, CharSpan[] spans, int[] charIndex) {

        Pieces(String text, String[] tokens, long[] words, CharSpan[] spans) {
            this(text, tokens, words, spans, charIndexOfCodePoints(text));
        }

        /**
         * Where the window starting at {@code start} ends (exclusive). The rule is the same for the text's last window:
         * cutting its tail at sentence ends too is what lets the next overlapping chunk reuse those windows.
         */
        int cut(int start, int maxPieces) {
            int count = tokens.length;
            int limit = Math.min(count, start + maxPieces);
            for (int i = start + MIN_PIECES; i <= limit && i < count; i++) {
                if (wordStart(i) && sentenceEnd(i)) {
                    return i;
                }
            }
            if (limit == count) {
                return count;
            }
            for (int i = limit; i > start; i--) {
                if (wordStart(i)) {
                    return i;
                }
            }
            return limit; // one word longer than a window
        }

        String text(int start, int end) {
            return text.substring(charIndex[spans[start].getStart()], charIndex[spans[end - 1].getEnd()]);
        }

        private boolean wordStart(int i) {
            return words[i] < 0 || words[i] != words[i - 1];
        }

        private boolean sentenceEnd(int i) {
            if (SENTENCE_ENDS.contains(tokens[i - 1])) {
                return true;
            }
            int from = charIndex[spans[i - 1].getEnd()];
            int to = charIndex[spans[i].getStart()];
            return text.substring(from, to).indexOf('\n') >= 0;
        }

        /** The tokenizer counts code points; Java counts UTF-16 units. */
        private static int[] charIndexOfCodePoints(String text) {
            int[] index = new int[text.codePointCount(0, text.length()) + 1];
            int codePoint = 0;
            for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
                index[codePoint++] = i;
            }
            index[codePoint] = text.length();
            return index;
        }
    }
}
