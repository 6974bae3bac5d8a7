package dev.assistants4j.retrieval.ingest;

import dev.assistants4j.core.search.ExtractionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.tika.parser.txt.CharsetDetector;
import org.apache.tika.parser.txt.CharsetMatch;

/**
 * Reads text files directly: UTF-8 when the bytes are valid UTF-8 (the common case), UTF-16/32 when a byte-order mark
 * says so, else the charset Tika's (ICU) detector finds most likely, else windows-1252. Stateless, thread-safe.
 */
final class PlainTextReader {

    private static final int SNIFF_BYTES = 8192;

    private PlainTextReader() {}

    /**
     * Whether the first bytes look like text: no NUL bytes, unless a UTF-16 or UTF-32 byte-order mark explains them.
     */
    static boolean looksLikeText(byte[] head) {
        if (bomCharset(head) != null) {
            return true;
        }
        for (int i = 0; i < Math.min(head.length, SNIFF_BYTES); i++) {
            if (head[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /** The first bytes of a stream that supports mark/reset, leaving it where it was. */
    static byte[] peek(InputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        try {
            return in.readNBytes(SNIFF_BYTES);
        } finally {
            in.reset();
        }
    }

    /**
     * The decoded text of the stream, line ends normalised.
     *
     * @throws ExtractionException ({@code invalid_file}) when the file has more than {@code maxChars} characters
     */
    static String read(InputStream in, int maxChars, String filename) throws IOException, ExtractionException {
        long maxBytes = 4L * maxChars; // no character takes more than 4 bytes in any charset we decode
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw TikaTextExtractor.tooLong(filename, maxChars);
        }
        String text = TextCleanup.normaliseLineEnds(decode(bytes));
        if (text.length() > maxChars) {
            throw TikaTextExtractor.tooLong(filename, maxChars);
        }
        return text;
    }

    static String decode(byte[] bytes) {
        Charset bom = bomCharset(bytes);
        if (bom != null) {
            return new String(bytes, bom);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, detectedCharset(bytes));
        }
    }

    private static Charset detectedCharset(byte[] bytes) {
        CharsetMatch match = new CharsetDetector().setText(bytes).detect();
        if (match != null && match.getConfidence() >= 10) {
            try {
                return Charset.forName(match.getName());
            } catch (IllegalArgumentException e) { // also UnsupportedCharsetException
                // fall through to the western default
            }
        }
        return Charset.forName("windows-1252");
    }

    private static Charset bomCharset(byte[] bytes) {
        if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
            return Charset.forName("UTF-32BE");
        }
        if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            return Charset.forName("UTF-32LE");
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return StandardCharsets.UTF_16; // consumes the mark
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return StandardCharsets.UTF_16; // detects little-endian from the mark
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
