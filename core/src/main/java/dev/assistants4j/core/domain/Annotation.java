package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A span of message text that cites a file or names a generated file. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FileCitationAnnotation.class, name = "file_citation"),
    @JsonSubTypes.Type(value = FilePathAnnotation.class, name = "file_path")
})
public sealed interface Annotation permits FileCitationAnnotation, FilePathAnnotation {}
