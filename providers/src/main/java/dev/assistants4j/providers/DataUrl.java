package dev.assistants4j.providers;

import dev.assistants4j.core.provider.ProviderException;
import java.util.Locale;
import java.util.Optional;

/**
 * An image sent inline as a base64 {@code data:} URL (how the engine sends {@code image_file} parts), split into its
 * media type and data for the APIs that take them apart. Immutable.
 *
 * @param mediaType e.g. {@code image/png}
 * @param base64 the data, still base64
 */
record DataUrl(String mediaType, String base64) {

    /**
     * The parts of a {@code data:} URL; empty for any other URL (http(s)).
     *
     * @throws ProviderException (400) for a {@code data:} URL that is not base64, before anything is sent
     */
    static Optional<DataUrl> parse(String url) {
        if (!url.regionMatches(true, 0, "data:", 0, 5)) {
            return Optional.empty();
        }
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring(5, comma);
        if (!header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw new ProviderException(
                    "an image data: URL must be base64 (data:image/png;base64,…)",
                    400,
                    false,
                    null,
                    null,
                    "invalid_request_error");
        }
        String mediaType = header.substring(0, header.length() - ";base64".length());
        return Optional.of(new DataUrl(mediaType, url.substring(comma + 1)));
    }
}
