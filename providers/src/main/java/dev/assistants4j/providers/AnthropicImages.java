package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.provider.ProviderException;
import java.util.Locale;

/**
 * Anthropic's image blocks for the image URLs of a prompt: a {@code data:} URL (how the engine sends {@code
 * image_file} parts) becomes a base64 source with its media type, an http(s) URL a URL source, which Anthropic fetches
 * itself. A {@code data:} URL that is not base64 is refused with a 400 before anything is sent. Stateless.
 */
final class AnthropicImages {

    private AnthropicImages() {}

    static ObjectNode block(String url, ObjectMapper json) {
        ObjectNode block = json.createObjectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
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
            source.put("type", "base64").put("media_type", mediaType).put("data", url.substring(comma + 1));
        } else {
            source.put("type", "url").put("url", url);
        }
        return block;
    }
}
