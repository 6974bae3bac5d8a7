package dev.assistants4j.retrieval.ingest;

import dev.assistants4j.core.search.ExtractionException;
import dev.assistants4j.core.search.TextExtractor;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.tika.config.ServiceLoader;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.DefaultParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.external.CompositeExternalParser;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Reads file_search's text out of a file with Apache Tika, in-process only.
 *
 * <ul>
 *   <li>The type is detected from the content, with the file name as a hint. Plain text, markdown, csv, json and source
 *       code (any {@code text/*} type, or a known code extension whose content has no NUL bytes and no magic number of
 *       another type) are decoded directly
 *       (see {@link PlainTextReader}), keeping them exactly as written. PDF, Word, PowerPoint, Excel, OpenDocument, RTF,
 *       EPUB, HTML and XML go through Tika's parsers; paragraphs come out separated by blank lines.
 *   <li>Anything else (images, audio, video, archives, executables, unknown binaries) is refused with {@code
 *       unsupported_file}, naming the detected type. A file of a supported type that cannot be parsed (corrupt,
 *       truncated, encrypted) or that holds no text is refused with {@code invalid_file}.
 *   <li>Text is capped at {@link #MAX_CHARS} characters: a longer file is {@code invalid_file} rather than silently cut
 *       (Tika's own default limit of 100,000 characters is not used).
 *   <li>No external process is ever started: Tesseract OCR and Tika's external-command parsers are excluded from the
 *       parser set (and never even instantiated, since the external parsers probe for their commands when built),
 *       PDF OCR is off, and embedded documents (attachments, images inside documents) are not parsed.
 * </ul>
 *
 * Thread-safe: the detector and parser are shared, each call has its own context.
 */
public final class TikaTextExtractor implements TextExtractor {

    /** The most characters of text a file may hold: about 5 million tokens, or 6,000 chunks of 800 tokens. */
    public static final int MAX_CHARS = 20_000_000;

    private static final List<Class<? extends Parser>> EXCLUDED_PARSERS =
            List.of(TesseractOCRParser.class, CompositeExternalParser.class);

    private final int maxChars;
    private volatile Tika tika;

    /** An extractor with the {@link #MAX_CHARS} cap. */
    public TikaTextExtractor() {
        this(MAX_CHARS);
    }

    TikaTextExtractor(int maxChars) {
        this.maxChars = maxChars;
    }

    /** Tika's detector and parsers, loaded on first use: loading them takes seconds a server without files never needs. */
    private record Tika(MimeTypes mimeTypes, Detector detector, Parser parser, FileKinds kinds) {
        static Tika load() {
            MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();
            ServiceLoader loader = new ServiceLoader(TikaTextExtractor.class.getClassLoader());
            Detector detector = new DefaultDetector(mimeTypes, loader);
            DefaultParser parsers = new DefaultParser(mimeTypes.getMediaTypeRegistry(), loader, EXCLUDED_PARSERS);
            return new Tika(
                    mimeTypes,
                    detector,
                    new AutoDetectParser(detector, parsers),
                    new FileKinds(mimeTypes.getMediaTypeRegistry()));
        }
    }

    private Tika tika() {
        Tika loaded = tika;
        if (loaded == null) {
            synchronized (this) {
                loaded = tika;
                if (loaded == null) {
                    loaded = Tika.load();
                    tika = loaded;
                }
            }
        }
        return loaded;
    }

    @Override
    public String extract(String filename, InputStream content) throws ExtractionException {
        String name = filename == null ? "" : filename;
        try (TikaInputStream in = TikaInputStream.get(new KeepOpen(content))) {
            byte[] head = PlainTextReader.peek(in);
            if (head.length == 0) {
                throw noText(name);
            }
            Metadata metadata = new Metadata();
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
            MediaType type = tika().detector().detect(in, metadata);
            boolean textByName = FileKinds.hasTextExtension(name)
                    && PlainTextReader.looksLikeText(head)
                    && tika().kinds().mayBeText(tika().detector().detect(in, new Metadata()));
            FileKinds.Kind kind =
                    textByName ? FileKinds.Kind.TEXT : tika().kinds().kindOf(type);
            if (kind == FileKinds.Kind.TEXT && !textByName) {
                MediaType named = typeByName(name);
                if (tika().kinds().kindOf(named) == FileKinds.Kind.DOCUMENT
                        && !tika().kinds().mayBeText(named)) {
                    throw unreadable(name, named, null); // e.g. text named .docx
                }
            }
            String text =
                    switch (kind) {
                        case TEXT -> readText(in, head, name, type);
                        case DOCUMENT -> parse(in, metadata, name, type);
                        case UNSUPPORTED -> throw unsupported(name, type);
                    };
            if (text.isBlank()) {
                throw noText(name);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the content of " + name, e);
        }
    }

    private MediaType typeByName(String name) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        return tika().mimeTypes().detect(null, metadata);
    }

    /** The parsers in use, for checking that no external one is among them. */
    List<Parser> parsers() {
        return ((AutoDetectParser) tika().parser()).getAllComponentParsers();
    }

    private String readText(InputStream in, byte[] head, String name, MediaType type)
            throws IOException, ExtractionException {
        if (!PlainTextReader.looksLikeText(head)) {
            throw new ExtractionException(
                    ExtractionException.INVALID_FILE,
                    "The file " + quote(name) + " (" + type.getBaseType() + ") contains binary data, not text.");
        }
        return PlainTextReader.read(in, maxChars, name);
    }

    private String parse(InputStream in, Metadata metadata, String name, MediaType type) throws ExtractionException {
        ParagraphTextHandler text = new ParagraphTextHandler(maxChars);
        ContentHandler body = new BodyContentHandler(text);
        try {
            tika().parser().parse(in, body, metadata, context());
        } catch (EncryptedDocumentException e) {
            throw new ExtractionException(
                    ExtractionException.INVALID_FILE,
                    "The file " + quote(name) + " is encrypted or password-protected.",
                    e);
        } catch (ZeroByteFileException e) {
            throw noText(name);
        } catch (SAXException e) {
            if (causedByLength(e)) {
                throw tooLong(name, maxChars);
            }
            throw unreadable(name, type, e);
        } catch (IOException | TikaException | RuntimeException e) {
            if (causedByLength(e)) {
                throw tooLong(name, maxChars);
            }
            throw unreadable(name, type, e);
        }
        return text.text();
    }

    /** Per parse: no OCR, no parsing of embedded documents. */
    private static ParseContext context() {
        ParseContext context = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        context.set(PDFParserConfig.class, pdf);
        context.set(EmbeddedDocumentExtractor.class, NoEmbeddedDocuments.INSTANCE);
        return context;
    }

    private static boolean causedByLength(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ParagraphTextHandler.TooLongException) {
                return true;
            }
        }
        return false;
    }

    static ExtractionException tooLong(String name, int maxChars) {
        return new ExtractionException(
                ExtractionException.INVALID_FILE,
                "The file " + quote(name) + " has more than " + maxChars + " characters of text, the most file_search "
                        + "reads from one file.");
    }

    private static ExtractionException noText(String name) {
        return new ExtractionException(
                ExtractionException.INVALID_FILE, "The file " + quote(name) + " contains no text.");
    }

    private static ExtractionException unsupported(String name, MediaType type) {
        return new ExtractionException(
                ExtractionException.UNSUPPORTED_FILE,
                "The file " + quote(name) + " is of type " + type.getBaseType()
                        + ", which file_search does not support.");
    }

    private static ExtractionException unreadable(String name, MediaType type, Exception cause) {
        return new ExtractionException(
                ExtractionException.INVALID_FILE,
                "The file " + quote(name) + " could not be read as " + type.getBaseType()
                        + ": it may be corrupt or truncated.",
                cause);
    }

    private static String quote(String name) {
        return "'" + name + "'";
    }

    /** Tika closes what it reads; the caller owns the stream. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller closes it
        }
    }

    /** Skips attachments and embedded objects: they could be any type, including images that would want OCR. */
    private enum NoEmbeddedDocuments implements EmbeddedDocumentExtractor {
        INSTANCE;

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return false;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
            // never asked: shouldParseEmbedded is false
        }
    }
}
