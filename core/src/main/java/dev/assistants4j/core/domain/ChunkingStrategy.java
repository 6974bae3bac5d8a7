package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * How a file is cut into chunks. Always stored and returned as {@code static}: the {@code auto} strategy of a request
 * is {@link #AUTO}, static with 800 tokens and an overlap of 400, as OpenAI answers.
 *
 * @param type always {@code static}
 */
public record ChunkingStrategy(
        String type, @JsonProperty("static") StaticChunking staticChunking) {

    public static final String STATIC = "static";

    /** The bounds of {@code max_chunk_size_tokens}. */
    public static final int MIN_CHUNK_TOKENS = 100;

    public static final int MAX_CHUNK_TOKENS = 4096;

    /** What {@code {"type":"auto"}} means: 800 tokens per chunk, 400 of them shared with the next. */
    public static final ChunkingStrategy AUTO = of(800, 400);

    public ChunkingStrategy {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(staticChunking, "static");
    }

    /** A static strategy; the bounds are checked by the service, not here (stored objects are read as they are). */
    public static ChunkingStrategy of(int maxChunkSizeTokens, int chunkOverlapTokens) {
        return new ChunkingStrategy(STATIC, new StaticChunking(maxChunkSizeTokens, chunkOverlapTokens));
    }

    /** The sizes of a static strategy. */
    public record StaticChunking(int maxChunkSizeTokens, int chunkOverlapTokens) {}
}
