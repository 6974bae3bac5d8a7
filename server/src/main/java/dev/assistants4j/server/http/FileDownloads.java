package dev.assistants4j.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** The headers of a file download: a Content-Type guessed from the name, and a safe Content-Disposition. */
final class FileDownloads {

    private static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("txt", "text/plain"),
            Map.entry("log", "text/plain"),
            Map.entry("md", "text/markdown"),
            Map.entry("csv", "text/csv"),
            Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("css", "text/css"),
            Map.entry("xml", "application/xml"),
            Map.entry("json", "application/json"),
            Map.entry("jsonl", "application/jsonl"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("py", "text/x-python"),
            Map.entry("java", "text/x-java"),
            Map.entry("c", "text/x-c"),
            Map.entry("cpp", "text/x-c++"),
            Map.entry("cs", "text/x-csharp"),
            Map.entry("go", "text/x-golang"),
            Map.entry("rb", "text/x-ruby"),
            Map.entry("php", "text/x-php"),
            Map.entry("sh", "application/x-sh"),
            Map.entry("tex", "text/x-tex"),
            Map.entry("js", "text/javascript"),
            Map.entry("ts", "application/typescript"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("zip", "application/zip"),
            Map.entry("tar", "application/x-tar"));

    private FileDownloads() {}

    /** The media type for a file name's extension; {@code application/octet-stream} when unknown. */
    static String contentType(String filename) {
        int dot = filename.lastIndexOf('.');
        if (dot < 0 || dot == filename.length() - 1) {
            return OCTET_STREAM;
        }
        return TYPES.getOrDefault(filename.substring(dot + 1).toLowerCase(Locale.ROOT), OCTET_STREAM);
    }

    /**
     * {@code attachment; filename="…"; filename*=UTF-8''…} (RFC 6266): an ASCII fallback in which quotes,
     * backslashes, control and non-ASCII characters become {@code _}, and the exact name percent-encoded.
     */
    static String attachment(String filename) {
        StringBuilder fallback = new StringBuilder();
        filename.chars().forEach(c -> fallback.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + percentEncode(filename);
    }

    /** RFC 5987 {@code value-chars}: attr-chars as they are, every other UTF-8 byte as {@code %XX}. */
    private static String percentEncode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAttrChar(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                encoded.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static boolean isAttrChar(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }
}
