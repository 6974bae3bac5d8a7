package dev.assistants4j.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * A {@link RequestBody.FileUpload} as a multipart/form-data body (RFC 7578): the text fields first, each a part, then
 * the file part named {@code file} with its filename and content type. Names and the filename are escaped as browsers
 * do ({@code "} as {@code %22}, CR and LF as {@code %0D} and {@code %0A}), so no value can break the framing. Stateless.
 */
final class Multipart {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The encoded body and the content type that names its boundary. */
    record Encoded(String contentType, byte[] body) {}

    private Multipart() {}

    static Encoded encode(RequestBody.FileUpload upload) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String boundary = "assistants4j-" + HexFormat.of().formatHex(random);
        var out = new ByteArrayOutputStream(upload.content().length + 512);
        for (Map.Entry<String, String> field : upload.fields().entrySet()) {
            write(out, "--" + boundary + "\r\n");
            write(out, "Content-Disposition: form-data; name=\"" + escape(field.getKey()) + "\"\r\n\r\n");
            write(out, field.getValue());
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "\r\n");
        write(out, "Content-Disposition: form-data; name=\"file\"; filename=\"" + escape(upload.filename()) + "\"\r\n");
        write(out, "Content-Type: " + upload.contentType().replaceAll("[\r\n]", "") + "\r\n\r\n");
        out.writeBytes(upload.content());
        write(out, "\r\n--" + boundary + "--\r\n");
        return new Encoded("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    private static String escape(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
