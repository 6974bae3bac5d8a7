package dev.assistants4j.server.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;

/**
 * One part of an upload form, from either transport: a Jetty multipart part over HTTP, or a field or the file of an
 * in-process upload. Valid while the form it came from is open.
 *
 * @param name the form field's name; empty when the part has none
 * @param filename the file name the part was sent with; null for a text field
 * @param length the content's size in bytes
 */
record FormPart(String name, String filename, long length, ContentSource source) {

    /** Opens a part's content. */
    @FunctionalInterface
    interface ContentSource {
        InputStream open() throws IOException;
    }

    /** The parts Jetty parsed, in order. */
    static List<FormPart> of(MultiPartFormData.Parts parts) {
        List<FormPart> shown = new ArrayList<>();
        for (MultiPart.Part part : parts) {
            shown.add(new FormPart(
                    part.getName() == null ? "" : part.getName(),
                    part.getFileName(),
                    part.getLength(),
                    () -> Content.Source.asInputStream(part.createContentSource())));
        }
        return shown;
    }

    /** A text part of an in-process upload. */
    static FormPart text(String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return bytes(name, null, bytes);
    }

    /** A part of an in-process upload holding {@code bytes}. */
    static FormPart bytes(String name, String filename, byte[] bytes) {
        return new FormPart(name, filename, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    InputStream content() throws IOException {
        return source.open();
    }

    /** The content as UTF-8 text. */
    String text() {
        try (InputStream in = source.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
