package dev.assistants4j.core.domain;

/**
 * A citation of a file found by file_search.
 *
 * @param text the marker in the message text
 */
public record FileCitationAnnotation(String text, FileCitation fileCitation, int startIndex, int endIndex)
        implements Annotation {

    /** The cited file. */
    public record FileCitation(String fileId) {}
}
