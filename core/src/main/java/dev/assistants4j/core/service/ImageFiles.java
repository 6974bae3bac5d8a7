package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.error.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads uploaded files as images for vision models: the media type comes from the content's magic numbers (PNG,
 * JPEG, GIF, WebP), never from the file name, and an image may be at most {@link #MAX_BYTES}, OpenAI's limit per
 * image. Thread-safe.
 */
public final class ImageFiles {

    /** The largest image sent to a model: 20 MiB, OpenAI's limit per image (its data URL is a third larger). */
    public static final long MAX_BYTES = 20L * 1024 * 1024;

    private final FileService files;

    public ImageFiles(FileService files) {
        this.files = files;
    }

    /** Why the file cannot be sent as an image, or empty when it can; reads only its first bytes. */
    public Optional<ImageRead.Problem> check(String projectId, String fileId) {
        return switch (open(projectId, fileId, ImageTypes.HEAD_BYTES)) {
            case ImageRead.Image image -> Optional.empty();
            case ImageRead.Problem problem -> Optional.of(problem);
        };
    }

    /** The file's content as an image, or why it cannot be sent as one. */
    public ImageRead read(String projectId, String fileId) {
        return open(projectId, fileId, (int) MAX_BYTES);
    }

    /** Reads at most {@code limit} bytes of the file, after checking its size. */
    private ImageRead open(String projectId, String fileId, int limit) {
        FileService.FileContent content;
        try {
            content = files.content(projectId, fileId);
        } catch (NotFoundException e) {
            return new ImageRead.Missing();
        }
        try (InputStream stream = content.stream()) {
            FileObject file = content.file();
            if (file.bytes() > MAX_BYTES) {
                return new ImageRead.TooLarge(file.bytes());
            }
            byte[] bytes = stream.readNBytes(limit);
            return ImageTypes.detect(bytes)
                    .<ImageRead>map(type -> new ImageRead.Image(type, bytes))
                    .orElseGet(ImageRead.NotAnImage::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
