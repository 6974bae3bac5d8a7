package dev.assistants4j.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A span of a message's text that points at a file: a citation of a file file_search read, or a path to a file
 * code_interpreter wrote; {@link Other} for newer kinds.
 */
@JsonTypeInfo(
        use = JsonTypeInfo.Id.NAME,
        include = JsonTypeInfo.As.EXISTING_PROPERTY,
        property = "type",
        visible = true,
        defaultImpl = Annotation.Other.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = Annotation.FileCitation.class, name = "file_citation"),
    @JsonSubTypes.Type(value = Annotation.FilePath.class, name = "file_path")
})
public sealed interface Annotation {

    /** The wire name of the annotation's kind. */
    @JsonProperty("type")
    String type();

    /** A citation: {@code text} (as it appears in the message) cites the file {@code fileCitation.fileId}. */
    record FileCitation(String text, FileRef fileCitation, Integer startIndex, Integer endIndex) implements Annotation {
        @Override
        public String type() {
            return "file_citation";
        }
    }

    /** A path: {@code text} (as it appears in the message) names the file {@code filePath.fileId}. */
    record FilePath(String text, FileRef filePath, Integer startIndex, Integer endIndex) implements Annotation {
        @Override
        public String type() {
            return "file_path";
        }
    }

    /** An annotation of a kind this client does not know. */
    record Other(String type, String text, Integer startIndex, Integer endIndex) implements Annotation {}

    /** The file an annotation points at. */
    record FileRef(String fileId) {}
}
