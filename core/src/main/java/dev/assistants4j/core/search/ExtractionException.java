package dev.assistants4j.core.search;

/**
 * A file whose text cannot be read. {@link #code()} is the vector store file's {@code last_error.code}:
 * {@code unsupported_file} (a type file_search does not read, such as an image or an archive) or {@code invalid_file}
 * (a corrupt or empty file).
 */
public final class ExtractionException extends Exception {

    public static final String UNSUPPORTED_FILE = "unsupported_file";
    public static final String INVALID_FILE = "invalid_file";

    private final String code;

    public ExtractionException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ExtractionException(String code, String message) {
        this(code, message, null);
    }

    public String code() {
        return code;
    }
}
