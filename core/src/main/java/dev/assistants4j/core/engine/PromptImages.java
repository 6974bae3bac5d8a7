package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.ImageFileContent;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.service.ImageFiles;
import dev.assistants4j.core.service.ImageRead;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a user message's {@code image_file} parts into chat {@code image_url} parts whose URL is a {@code data:} URL
 * of the file's bytes, reading each file once for the life of this object (one run loop: its retries and model calls
 * reuse what was read). A file that cannot be sent (deleted since the message was created, e.g. by its expiry, or not
 * an image) becomes a text note saying so instead, so that a thread is never broken for good by one file. Not
 * thread-safe: used by one run loop at a time.
 */
final class PromptImages {

    private static final Logger LOG = LoggerFactory.getLogger(PromptImages.class);

    private final ImageFiles files;

    private final Map<String, String> dataUrls = new HashMap<>();

    PromptImages(ImageFiles files) {
        this.files = files;
    }

    /** The chat part of {@code image}, a file of project {@code projectId}. */
    ChatMessage.Part part(String projectId, ImageFileContent.ImageFile image) {
        String fileId = image.fileId();
        String url = dataUrls.get(fileId);
        if (url == null) {
            ImageRead read = files.read(projectId, fileId);
            switch (read) {
                case ImageRead.Image content -> {
                    url = content.dataUrl();
                    dataUrls.put(fileId, url);
                }
                case ImageRead.Problem problem -> {
                    LOG.warn("The image file {} is left out of a prompt: it {}", fileId, problem.reason());
                    return new ChatMessage.Part.Text("[The image file " + fileId + " " + problem.reason() + "]");
                }
            }
        }
        return new ChatMessage.Part.ImageUrl(url, image.detail());
    }
}
