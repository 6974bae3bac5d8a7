package dev.assistants4j.server.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.provider.FinishReason;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A streamed chat completion as the SSE body OpenAI sends, made from a {@link ProviderStream} as it is read: the role
 * chunk, a chunk per text or tool call delta, the finish chunk, the usage chunk when asked for, then {@code [DONE]}. A
 * failure of the stream becomes a {@code data: {"error":…}} frame that ends the body. Each read blocks on the provider
 * stream's next event (a network read, which suits virtual threads); closing closes the provider stream. Not
 * thread-safe: one reader.
 */
final class CompletionChunks extends InputStream {

    private final ProviderStream events;
    private final CompletionJson json;
    private final boolean includeUsage;
    private byte[] pending = new byte[0];
    private int position;
    private boolean started;
    private boolean ended;
    private ProviderEvent.Usage usage;

    CompletionChunks(ProviderStream events, CompletionJson json, boolean includeUsage) {
        this.events = events;
        this.json = json;
        this.includeUsage = includeUsage;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        while (position == pending.length) {
            if (ended) {
                return -1;
            }
            pending = next().getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        int count = Math.min(length, pending.length - position);
        System.arraycopy(pending, position, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public void close() {
        events.close();
    }

    /** The frames of the next event (empty for a usage, which comes last). */
    private String next() {
        if (!started) {
            started = true;
            return frame(json.chunk(CompletionJson.roleDelta(), null));
        }
        try {
            if (!events.hasNext()) {
                ended = true;
                return "";
            }
            return switch (events.next()) {
                case ProviderEvent.TextDelta text -> frame(json.chunk(CompletionJson.textDelta(text.text()), null));
                case ProviderEvent.ToolCallDelta call -> frame(json.chunk(CompletionJson.toolCallDelta(call), null));
                case ProviderEvent.Usage reported -> {
                    usage = reported;
                    yield "";
                }
                case ProviderEvent.Finished finished -> finish(finished.reason());
            };
        } catch (ProviderException e) {
            ended = true;
            return frame(CompletionJson.error(e));
        }
    }

    private String finish(FinishReason reason) {
        ended = true;
        String frames = frame(json.chunk(Json.MAPPER.createObjectNode(), reason));
        if (includeUsage) {
            frames += frame(json.usageChunk(usage));
        }
        return frames + "data: [DONE]\n\n";
    }

    private static String frame(JsonNode data) {
        return "data: " + data + "\n\n";
    }
}
