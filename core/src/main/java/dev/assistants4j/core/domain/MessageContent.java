package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One part of a message's content: text, an uploaded image, an image URL, or a refusal. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TextContent.class, name = "text"),
    @JsonSubTypes.Type(value = ImageFileContent.class, name = "image_file"),
    @JsonSubTypes.Type(value = ImageUrlContent.class, name = "image_url"),
    @JsonSubTypes.Type(value = RefusalContent.class, name = "refusal")
})
public sealed interface MessageContent permits TextContent, ImageFileContent, ImageUrlContent, RefusalContent {}
