package dev.assistants4j.retrieval.ingest;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.assistants4j.core.search.Chunker;
import dev.assistants4j.core.search.TextChunk;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * OpenAI's {@code static} chunking strategy: windows of at most {@code maxTokens} tokens of {@code cl100k_base} (the
 * tokenizer of OpenAI's embedding models, which file_search's limits are counted in), each window starting {@code
 * overlapTokens} before the end of the previous one.
 *
 * <p>The text is tokenised once; windows are cut on token boundaries, then adjusted:
 *
 * <ul>
 *   <li>a window never ends or starts inside a multi-byte character (one token of a byte-level BPE may hold half of
 *       an emoji), so no chunk contains U+FFFD that the text did not;
 *   <li>when a paragraph break, line break, sentence end or space lies within the last tenth of the window, the window
 *       ends there instead (in that order of preference), so chunks rarely cut words;
 *   <li>{@link TextChunk#tokens()} is the chunk's own token count ({@link #countTokens} of its text), which is never
 *       more than {@code maxTokens}: BPE may tokenise a cut-out piece differently from the whole.
 * </ul>
 *
 * Special-token text such as {@code <|endoftext|>} is treated as ordinary text. Thread-safe and stateless.
 */
public final class TokenChunker implements Chunker {

    /** The smallest and largest {@code max_chunk_size_tokens} OpenAI accepts. */
    public static final int MIN_MAX_TOKENS = 100;

    public static final int MAX_MAX_TOKENS = 4096;

    private final Supplier<Encoding> encoding;

    /**
     * A chunker counting {@code cl100k_base} tokens. The encoding (half a second to load) is loaded on first use, not
     * at a server's start.
     */
    public TokenChunker() {
        this.encoding = () -> Cl100k.ENCODING;
    }

    TokenChunker(Encoding encoding) {
        this.encoding = () -> encoding;
    }

    /** Loads the encoding when first asked for it (class initialisation is lazy and thread-safe). */
    private static final class Cl100k {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    }

    @Override
    public List<TextChunk> chunk(String text, int maxTokens, int overlapTokens) {
        validate(maxTokens, overlapTokens);
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Encoding encoding = this.encoding.get();
        Tokens tokens = Tokens.of(text, encoding);
        List<TextChunk> chunks = new ArrayList<>();
        int start = 0;
        while (start < tokens.count()) {
            int end = tokens.cleanEnd(start, Math.min(start + maxTokens, tokens.count()));
            end = tokens.preferredEnd(start, end, Math.max(1, maxTokens / 10));
            String piece = tokens.text(start, end);
            int count = encoding.countTokensOrdinary(piece);
            while (count > maxTokens) {
                end = tokens.cleanEnd(start, end - 1);
                piece = tokens.text(start, end);
                count = encoding.countTokensOrdinary(piece);
            }
            if (!piece.isBlank()) {
                chunks.add(new TextChunk(chunks.size(), piece, count));
            }
            if (end >= tokens.count()) {
                break;
            }
            start = Math.max(start + 1, tokens.cleanStart(end - overlapTokens, end));
        }
        return List.copyOf(chunks);
    }

    @Override
    public int countTokens(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.get().countTokensOrdinary(text);
    }

    private static void validate(int maxTokens, int overlapTokens) {
        if (maxTokens < MIN_MAX_TOKENS || maxTokens > MAX_MAX_TOKENS) {
            throw new IllegalArgumentException(
                    "maxTokens must be between " + MIN_MAX_TOKENS + " and " + MAX_MAX_TOKENS + ", got " + maxTokens);
        }
        if (overlapTokens < 0 || overlapTokens > maxTokens / 2) {
            throw new IllegalArgumentException(
                    "overlapTokens must be between 0 and maxTokens / 2 (" + maxTokens / 2 + "), got " + overlapTokens);
        }
    }

    /** A text's UTF-8 bytes and where each of its tokens starts in them. */
    private record Tokens(byte[] bytes, int[] offsets) {

        static Tokens of(String text, Encoding encoding) {
            IntArrayList ids = encoding.encodeOrdinary(text);
            int[] offsets = new int[ids.size() + 1];
            IntArrayList one = new IntArrayList(1);
            for (int i = 0; i < ids.size(); i++) {
                one.clear();
                one.add(ids.get(i));
                offsets[i + 1] = offsets[i] + encoding.decodeBytes(one).length;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (offsets[ids.size()] != bytes.length) {
                throw new IllegalStateException("the tokens do not add up to the text"); // cannot happen with BPE
            }
            return new Tokens(bytes, offsets);
        }

        int count() {
            return offsets.length - 1;
        }

        String text(int start, int end) {
            return new String(bytes, offsets[start], offsets[end] - offsets[start], StandardCharsets.UTF_8);
        }

        /** The last token boundary at or before {@code end}, after {@code start}, that is not inside a character. */
        int cleanEnd(int start, int end) {
            int clean = end;
            while (clean > start + 1 && !charStart(clean)) {
                clean--;
            }
            return clean > start && charStart(clean) ? clean : firstCleanAfter(start, end);
        }

        /** The first token boundary at or after {@code start} (and before {@code limit}) that starts a character. */
        int cleanStart(int start, int limit) {
            int clean = Math.max(0, start);
            while (clean < limit && !charStart(clean)) {
                clean++;
            }
            return clean;
        }

        /**
         * Within the last {@code slack} tokens before {@code end}: the end of a paragraph, else of a line, else of a
         * sentence, else before a space; {@code end} itself when there is none or when {@code end} is the text's end.
         */
        int preferredEnd(int start, int end, int slack) {
            if (end >= count()) {
                return end;
            }
            int floor = Math.max(start + 1, end - slack);
            for (Boundary kind : Boundary.values()) {
                for (int candidate = end; candidate >= floor; candidate--) {
                    if (charStart(candidate) && kind.matches(bytes, offsets[candidate])) {
                        return candidate;
                    }
                }
            }
            return end;
        }

        private int firstCleanAfter(int start, int end) {
            int clean = end;
            while (clean < count() && !charStart(clean)) {
                clean++; // only when a single character spans the whole window: a window of one character
            }
            return Math.max(clean, start + 1);
        }

        private boolean charStart(int token) {
            int offset = offsets[token];
            return offset >= bytes.length || (bytes[offset] & 0xC0) != 0x80;
        }
    }

    /** Kinds of places to end a chunk at, best first; each looks at the bytes around a cut at {@code at}. */
    private enum Boundary {
        PARAGRAPH {
            @Override
            boolean matches(byte[] bytes, int at) {
                return (before(bytes, at, 1) == '\n' && before(bytes, at, 2) == '\n')
                        || (before(bytes, at, 1) == '\n' && after(bytes, at) == '\n');
            }
        },
        LINE {
            @Override
            boolean matches(byte[] bytes, int at) {
                return before(bytes, at, 1) == '\n';
            }
        },
        SENTENCE {
            @Override
            boolean matches(byte[] bytes, int at) {
                int last = before(bytes, at, 1);
                return (last == '.' || last == '!' || last == '?') && Character.isWhitespace(after(bytes, at));
            }
        },
        SPACE {
            @Override
            boolean matches(byte[] bytes, int at) {
                return Character.isWhitespace(after(bytes, at)) || Character.isWhitespace(before(bytes, at, 1));
            }
        };

        abstract boolean matches(byte[] bytes, int at);

        static int before(byte[] bytes, int at, int back) {
            return at - back >= 0 ? bytes[at - back] : -1;
        }

        static int after(byte[] bytes, int at) {
            return at < bytes.length ? bytes[at] : -1;
        }
    }
}
