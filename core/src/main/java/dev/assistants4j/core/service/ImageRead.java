package dev.assistants4j.core.service;

import java.util.Base64;

/** What reading an uploaded file as an image for a model gave: the image, or why it cannot be one. */
public sealed interface ImageRead permits ImageRead.Image, ImageRead.Problem {

    /**
     * An image's content.
     *
     * @param mediaType {@code image/png}, {@code image/jpeg}, {@code image/gif} or {@code image/webp}, told from the
     *     bytes
     */
    record Image(String mediaType, byte[] bytes) implements ImageRead {

        /** The content as a {@code data:} URL, as chat-completions {@code image_url} parts take it. */
        public String dataUrl() {
            return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
        }
    }

    /** Why a file cannot be sent as an image. */
    sealed interface Problem extends ImageRead permits Missing, NotAnImage, TooLarge {

        /** What is wrong, to follow "The file file-… ", e.g. {@code "does not exist."}. */
        String reason();
    }

    /** The project has no such file (never had, or it was deleted). */
    record Missing() implements Problem {
        @Override
        public String reason() {
            return "does not exist.";
        }
    }

    /** The content is not a PNG, JPEG, GIF or WebP image. */
    record NotAnImage() implements Problem {
        @Override
        public String reason() {
            return "is not a supported image: expected PNG, JPEG, GIF or WebP content.";
        }
    }

    /** The content is larger than {@link ImageFiles#MAX_BYTES}. */
    record TooLarge(long bytes) implements Problem {
        @Override
        public String reason() {
            return "is " + bytes + " bytes, larger than the " + ImageFiles.MAX_BYTES
                    + " bytes (20 MiB) an image may be.";
        }
    }
}
