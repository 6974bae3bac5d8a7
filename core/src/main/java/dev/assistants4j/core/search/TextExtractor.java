package dev.assistants4j.core.search;

import java.io.InputStream;

/** Reads the plain text out of a file (pdf, docx, pptx, html, md, txt, json, csv, source code…). Thread-safe. */
public interface TextExtractor {

    /**
     * The file's text, as readable plain text with paragraphs separated by blank lines.
     *
     * @param filename the client's name of the file, a hint for its type (never opened as a path)
     * @param content the file's bytes; the caller closes it
     * @throws ExtractionException when the type is not supported ({@code unsupported_file}) or the file cannot be read
     *     ({@code invalid_file})
     */
    String extract(String filename, InputStream content) throws ExtractionException;
}
