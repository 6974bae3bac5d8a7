package dev.assistants4j.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/** One part of a message's content: text, an image (file or URL), a refusal; {@link Other} for newer kinds. */
@JsonTypeInfo(
        use = JsonTypeInfo.Id.NAME,
        include = JsonTypeInfo.As.EXISTING_PROPERTY,
        property = "type",
        visible = true,
        defaultImpl = MessageContent.Other.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = MessageContent.TextContent.class, name = "text"),
    @JsonSubTypes.Type(value = MessageContent.ImageFileContent.class, name = "image_file"),
    @JsonSubTypes.Type(value = MessageContent.ImageUrlContent.class, name = "image_url"),
    @JsonSubTypes.Type(value = MessageContent.RefusalContent.class, name = "refusal")
})
public sealed interface MessageContent {

    /** The wire name of the part's kind. */
    @JsonProperty("type")
    String type();

    /** A text part. */
    record TextContent(Text text) implements MessageContent {
        public TextContent {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String type() {
            return "text";
        }
    }

    /** An image stored as a file. */
    record ImageFileContent(ImageFile imageFile) implements MessageContent {
        @Override
        public String type() {
            return "image_file";
        }
    }

    /** An image at a URL. */
    record ImageUrlContent(ImageUrl imageUrl) implements MessageContent {
        @Override
        public String type() {
            return "image_url";
        }
    }

    /** The model's refusal to answer. */
    record RefusalContent(String refusal) implements MessageContent {
        @Override
        public String type() {
            return "refusal";
        }
    }

    /** A part of a kind this client does not know. */
    record Other(String type) implements MessageContent {}

    /** An image file's id and the detail the model reads it at ({@code auto}, {@code low}, {@code high}). */
    record ImageFile(String fileId, String detail) {}

    /** An image URL and the detail the model reads it at. */
    record ImageUrl(String url, String detail) {}
}
