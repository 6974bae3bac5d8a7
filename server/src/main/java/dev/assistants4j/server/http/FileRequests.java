package dev.assistants4j.server.http;

import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.PayloadTooLargeException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** Reads the multipart form of an upload and the query of a file list, refusing what the API does not accept. */
final class FileRequests {

    /** Text fields are short; anything longer is not a valid value. */
    private static final int MAX_FIELD_BYTES = 1024;

    /** How Jetty 12's {@code MultiPartFormData} words its size refusals (total, one part, one part in memory). */
    private static final List<String> JETTY_SIZE_LIMITS =
            List.of("max length exceeded", "max file size exceeded", "max memory file size exceeded");

    private static final String ANCHOR = "expires_after[anchor]";
    private static final String SECONDS = "expires_after[seconds]";

    private FileRequests() {}

    /** The fields of an upload. {@code file} is the part holding the content. */
    record UploadForm(FormPart file, String purpose, OptionalLong expiresAfterSeconds) {}

    static void requireMultipart(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new InvalidRequestException(
                    "Invalid Content-Type header (" + (contentType == null ? "none" : contentType)
                            + "): uploads must be sent as multipart/form-data with the fields 'file' and 'purpose'.",
                    null);
        }
    }

    /** The upload's fields: exactly one {@code file}, a {@code purpose}, optionally {@code expires_after}. */
    static UploadForm upload(List<FormPart> parts, long maxUploadBytes, Supplier<PayloadTooLargeException> tooLarge) {
        FormPart file = null;
        String purpose = null;
        String anchor = null;
        String seconds = null;
        for (FormPart part : parts) {
            String name = part.name();
            switch (name) {
                case "file" -> {
                    if (file != null) {
                        throw new InvalidRequestException(
                                "Only one 'file' can be uploaded per request.", "file", "invalid_value");
                    }
                    file = part;
                }
                case "purpose" -> purpose = text(part);
                case ANCHOR -> anchor = text(part);
                case SECONDS -> seconds = text(part);
                default ->
                    throw new InvalidRequestException(
                            "Unknown parameter: '" + name + "'.", name.isEmpty() ? null : name, "unknown_parameter");
            }
        }
        if (file == null) {
            throw missing("file");
        }
        if (file.length() > maxUploadBytes) {
            throw tooLarge.get();
        }
        if (purpose == null) {
            throw missing("purpose");
        }
        return new UploadForm(file, purpose, expiresAfter(anchor, seconds));
    }

    /** {@code expires_after[anchor]} and {@code expires_after[seconds]}: both or neither. */
    private static OptionalLong expiresAfter(String anchor, String seconds) {
        if (anchor == null && seconds == null) {
            return OptionalLong.empty();
        }
        if (anchor == null) {
            throw missing("expires_after.anchor");
        }
        if (seconds == null) {
            throw missing("expires_after.seconds");
        }
        if (!anchor.equals("created_at")) {
            throw new InvalidRequestException(
                    "Invalid value for 'expires_after.anchor': '" + anchor + "'. Supported values are: created_at.",
                    "expires_after.anchor",
                    "invalid_value");
        }
        try {
            return OptionalLong.of(Long.parseLong(seconds.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(
                    "Invalid 'expires_after.seconds': expected an integer, but got '" + seconds + "' instead.",
                    "expires_after.seconds",
                    "invalid_type");
        }
    }

    /**
     * True when Jetty's multipart parser stopped because the body or a part was over its limit: it fails with an
     * {@link IllegalStateException} whose message starts with one of {@link #JETTY_SIZE_LIMITS}.
     */
    static boolean isSizeLimit(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof IllegalStateException
                    && message != null
                    && JETTY_SIZE_LIMITS.stream().anyMatch(message::startsWith)) {
                return true;
            }
        }
        return false;
    }

    /** A short reason for a malformed body, safe to show: the parser's own message, never a stack. */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? "malformed body." : message;
    }

    /** {@code 536870912} as {@code 512 MiB}. */
    static String humanSize(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB"};
        double size = bytes;
        int unit = 0;
        while (size >= 1024 && unit < units.length - 1 && size % 1024 == 0) {
            size /= 1024;
            unit++;
        }
        return (long) size + " " + units[unit];
    }

    private static String text(FormPart part) {
        if (part.length() > MAX_FIELD_BYTES) {
            throw new InvalidRequestException(
                    "Invalid '" + part.name() + "': the value is too long.", part.name(), "invalid_value");
        }
        return part.text();
    }

    private static InvalidRequestException missing(String param) {
        return new InvalidRequestException(
                "Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
    }
}
