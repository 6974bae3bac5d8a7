package dev.assistants4j.store;

import dev.assistants4j.core.search.ChunkIndex;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's own chunk index, as {@link JdbcStores#chunkIndex} takes it: on PostgreSQL the node answers searches from it
 * and keeps it a copy of the chunks every node stores in the database (see {@link ReplicatedChunkIndex}).
 *
 * @param index the index searches are answered from
 * @param embedder the name of the model that embeds this node's chunks and queries
 * @param dimensions how many floats its vectors have
 * @param clear removes every chunk from {@code index}, durably, before it is built anew from the database
 * @param positionFile where the node records which database and which change {@code index} holds, so that a restart
 *     replays only the changes it missed: inside the index's own directory, so that whoever removes the index
 *     removes the record with it. Empty for an index that does not outlive the process: it is built anew at each
 *     start.
 */
public record LocalChunkIndex(
        ChunkIndex index, String embedder, int dimensions, Runnable clear, Optional<Path> positionFile) {

    public LocalChunkIndex {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(embedder, "embedder");
        Objects.requireNonNull(clear, "clear");
        Objects.requireNonNull(positionFile, "positionFile");
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be at least 1, not " + dimensions);
        }
    }

    /** An index on disk (Lucene's), which records its position in {@code positionFile}. */
    public static LocalChunkIndex persistent(
            ChunkIndex index, String embedder, int dimensions, Runnable clear, Path positionFile) {
        return new LocalChunkIndex(index, embedder, dimensions, clear, Optional.of(positionFile));
    }

    /**
     * An index that is built anew at each start: every file the database holds is added to it, replacing what it
     * held of that file. {@code clear} is run first.
     */
    public static LocalChunkIndex transientIndex(ChunkIndex index, String embedder, int dimensions, Runnable clear) {
        return new LocalChunkIndex(index, embedder, dimensions, clear, Optional.empty());
    }
}
