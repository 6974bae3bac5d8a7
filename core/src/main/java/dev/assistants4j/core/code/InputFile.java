package dev.assistants4j.core.code;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A file placed in the session's {@code /mnt/data} before code runs, replacing a file of that name.
 *
 * @param name a plain file name (no directory part, not {@code .} or {@code ..}, no control characters, at most 255
 *     bytes); {@link #safeName(String)} turns any client-supplied name into one
 * @param content opens the bytes; called once per placement, the interpreter closes the stream. It may throw
 *     {@link java.io.UncheckedIOException} (as {@link dev.assistants4j.core.store.BlobStore#open} does)
 */
public record InputFile(String name, Supplier<InputStream> content) {

    public InputFile {
        Objects.requireNonNull(content, "content");
        if (!name.equals(safeName(name))) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
    }

    /** An input file with the given bytes. */
    public static InputFile of(String name, byte[] bytes) {
        byte[] copy = bytes.clone();
        return new InputFile(name, () -> new ByteArrayInputStream(copy));
    }

    /**
     * A plain file name derived from {@code name}: its last path segment, with control characters and characters
     * other than letters, digits, space and {@code ._-()+,=@} replaced by {@code _}, shortened to 200 characters,
     * and {@code file} when nothing usable is left.
     */
    public static String safeName(String name) {
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder safe = new StringBuilder();
        last.codePoints().limit(200).forEach(c -> {
            boolean allowed = Character.isLetterOrDigit(c) || " ._-()+,=@".indexOf(c) >= 0;
            safe.appendCodePoint(allowed ? c : '_');
        });
        String result = safe.toString().strip();
        return result.isEmpty() || result.equals(".") || result.equals("..") ? "file" : result;
    }
}
