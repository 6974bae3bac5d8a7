package dev.assistants4j.server;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;

/**
 * A multipart/form-data body built by hand, so tests can send what the SDKs send and what they never would: a file
 * part with or without a file name, any field, any order. Names are written as given (UTF-8), not escaped.
 */
public final class MultipartForm {

    private static final String BOUNDARY = "a4j-test-boundary-7MA4YWxkTrZu0gW";

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** A text field. */
    public MultipartForm field(String name, String value) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    /** The {@code file} part; {@code filename} null sends no file name. */
    public MultipartForm file(String filename, byte[] content) {
        return part("file", filename, content);
    }

    /** A part with content; {@code filename} null sends no file name. */
    public MultipartForm part(String name, String filename, byte[] content) {
        return rawPart(name, filename == null ? "" : "; filename=\"" + filename + "\"", content);
    }

    /**
     * A part whose Content-Disposition ends with {@code parameters} as given, e.g. {@code ; filename*=UTF-8''a.txt};
     * {@code name} null sends no name.
     */
    public MultipartForm rawPart(String name, String parameters, byte[] content) {
        String named = name == null ? "" : "; name=\"" + name + "\"";
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data" + named + parameters
                + "\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(content);
        write("\r\n");
        return this;
    }

    /** The Content-Type header, with the boundary. */
    public String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    /** The whole body, closing boundary included. */
    public byte[] bytes() {
        ByteArrayOutputStream closed = new ByteArrayOutputStream();
        closed.writeBytes(body.toByteArray());
        closed.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return closed.toByteArray();
    }

    /** The body with a Content-Length. */
    public BodyPublisher publisher() {
        return BodyPublishers.ofByteArray(bytes());
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
