package dev.assistants4j.server.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Finds the token usage of a relayed answer while it is written to the client, without holding the stream back: a
 * JSON body's {@code usage} (the body is kept, up to 8 MiB, to be read at its end), or a stream's {@code usage} chunk
 * (sent when the client asked for {@code stream_options.include_usage}). A stream without one is estimated: the
 * request's characters and the streamed content's, four to a token. Not thread-safe; one per request.
 */
public final class UsageTap {

    private static final int MAX_BODY = 8 * 1024 * 1024;
    private static final int MAX_LINE = 1024 * 1024;
    private static final String CONTENT = "\"content\":\"";
    private static final String ARGUMENTS = "\"arguments\":\"";

    /** Tokens of a call. */
    public record Tokens(long prompt, long completion) {}

    /** What the request's prompt is estimated from, should the answer report no usage. */
    private final JsonNode prompt;

    private boolean eventStream;
    private ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private Tokens reported;
    private long streamedChars;

    /** A tap for the answer to {@code request}. */
    public UsageTap(ObjectNode request) {
        this.prompt = request.has("messages") ? request.get("messages") : request.path("input");
    }

    /** Wraps {@code out}: what is written goes through at once, and is read on the way. */
    public OutputStream wrap(OutputStream out, boolean eventStream) {
        this.eventStream = eventStream;
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int off, int len) throws IOException {
                out.write(bytes, off, len);
                read(bytes, off, len);
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                read(new byte[] {(byte) b}, 0, 1);
            }
        };
    }

    private void read(byte[] bytes, int off, int len) {
        if (!eventStream) {
            if (body != null && body.size() + len <= MAX_BODY) {
                body.write(bytes, off, len);
            } else {
                body = null; // too large to read back: estimated
            }
            return;
        }
        for (int i = off; i < off + len; i++) {
            if (bytes[i] == '\n') {
                line(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (line.size() < MAX_LINE) {
                line.write(bytes[i]);
            }
        }
    }

    private void line(String text) {
        if (!text.startsWith("data:")) {
            return;
        }
        if (text.contains("\"usage\":{")) {
            usage(text.substring(5).trim());
        }
        streamedChars += quoted(text, CONTENT) + quoted(text, ARGUMENTS);
    }

    /** The length of the JSON string after {@code key} in {@code text}, if there is one. */
    private static int quoted(String text, String key) {
        int start = text.indexOf(key);
        if (start < 0) {
            return 0;
        }
        int i = start + key.length();
        int length = 0;
        while (i < text.length() && text.charAt(i) != '"') {
            i += text.charAt(i) == '\\' ? 2 : 1;
            length++;
        }
        return length;
    }

    private void usage(String json) {
        try {
            JsonNode usage = Json.MAPPER.readTree(json).path("usage");
            if (usage.isObject()) {
                long prompt = usage.path("prompt_tokens").asLong(0);
                long total = usage.path("total_tokens").asLong(prompt);
                long completion = usage.has("completion_tokens")
                        ? usage.path("completion_tokens").asLong(0)
                        : Math.max(0, total - prompt);
                reported = new Tokens(prompt, completion);
            }
        } catch (IOException e) {
            // not JSON: no usage in it
        }
    }

    /** The answer's usage: as reported, else estimated. Call once the answer was relayed. */
    public Tokens tokens() {
        if (!eventStream && body != null && body.size() > 0) {
            usage(body.toString(StandardCharsets.UTF_8));
        }
        if (reported != null) {
            return reported;
        }
        return new Tokens(Math.max(1, prompt.toString().length() / 4), (streamedChars + 3) / 4);
    }
}
