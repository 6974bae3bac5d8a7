package dev.assistants4j.retrieval.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

/**
 * The embedder an index's vectors come from, recorded in every commit's user data: vectors of another model or size
 * cannot be compared with them, so an index is only ever opened with the embedder it was built with.
 */
record IndexIdentity(String embedderName, int dimensions) {

    static final String EMBEDDER_KEY = "assistants4j.embedder";
    static final String DIMENSIONS_KEY = "assistants4j.dimensions";

    IndexIdentity {
        if (embedderName == null || embedderName.isBlank()) {
            throw new IllegalArgumentException("embedderName must not be blank");
        }
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be at least 1");
        }
    }

    Map<String, String> commitData() {
        return Map.of(EMBEDDER_KEY, embedderName, DIMENSIONS_KEY, Integer.toString(dimensions));
    }

    /**
     * Fails when the index in {@code directory} was built with another embedder or size (or by something else).
     *
     * @throws IllegalStateException naming what was found, what was asked and how to get out
     */
    void checkExisting(Directory directory, Path path) throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return;
        }
        Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
        String foundName = data.get(EMBEDDER_KEY);
        String foundDimensions = data.get(DIMENSIONS_KEY);
        if (embedderName.equals(foundName) && Integer.toString(dimensions).equals(foundDimensions)) {
            return;
        }
        String found = foundName == null
                ? "no embedder recorded (not an assistants4j index)"
                : "embedder '" + foundName + "' with " + foundDimensions + " dimensions";
        throw new IllegalStateException("The chunk index in " + path + " was built with " + found
                + ", but embedder '" + embedderName + "' with " + dimensions + " dimensions is configured. "
                + "Vectors of different models cannot be searched together: configure the original embedding "
                + "model, or remove " + path + " (its vector stores' files must then be added again).");
    }
}
