package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** An image by URL: {@code {"type":"image_url","image_url":{"url","detail"}}}. */
public record ImageUrlContent(ImageUrl imageUrl) implements MessageContent {
    public ImageUrlContent {
        Objects.requireNonNull(imageUrl, "imageUrl");
    }

    /**
     * The image reference.
     *
     * @param detail {@code auto}, {@code low} or {@code high}; omitted when not given
     */
    public record ImageUrl(
            String url,
            @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {}
}
