package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** An uploaded image: {@code {"type":"image_file","image_file":{"file_id","detail"}}}. */
public record ImageFileContent(ImageFile imageFile) implements MessageContent {
    public ImageFileContent {
        Objects.requireNonNull(imageFile, "imageFile");
    }

    /**
     * The image reference.
     *
     * @param detail {@code auto}, {@code low} or {@code high}; omitted when not given
     */
    public record ImageFile(
            String fileId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {}
}
