package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Anthropic's image blocks for the image URLs of a prompt: a {@code data:} URL (how the engine sends {@code
 * image_file} parts) becomes a base64 source with its media type, an http(s) URL a URL source, which Anthropic fetches
 * itself. A {@code data:} URL that is not base64 is refused with a 400 before anything is sent ({@link DataUrl}).
 * Stateless.
 */
final class AnthropicImages {

    private AnthropicImages() {}

    static ObjectNode block(String url, ObjectMapper json) {
        ObjectNode block = json.createObjectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        Optional<DataUrl> inline = DataUrl.parse(url);
        if (inline.isPresent()) {
            source.put("type", "base64")
                    .put("media_type", inline.get().mediaType())
                    .put("data", inline.get().base64());
        } else {
            source.put("type", "url").put("url", url);
        }
        return block;
    }
}
