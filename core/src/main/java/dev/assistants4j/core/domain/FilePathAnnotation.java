package dev.assistants4j.core.domain;

/**
 * A file that code_interpreter wrote, named in the message text.
 *
 * @param text the marker in the message text
 */
public record FilePathAnnotation(String text, FilePath filePath, int startIndex, int endIndex) implements Annotation {

    /** The generated file. */
    public record FilePath(String fileId) {}
}
