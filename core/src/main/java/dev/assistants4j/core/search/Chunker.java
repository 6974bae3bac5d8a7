package dev.assistants4j.core.search;

import java.util.List;

/** Cuts text into chunks of at most a number of tokens, consecutive chunks sharing an overlap. Thread-safe. */
public interface Chunker {

    /**
     * The chunks of the text, in order; none for blank text.
     *
     * @param maxTokens 100..4096
     * @param overlapTokens 0..maxTokens/2: tokens at the end of a chunk repeated at the start of the next
     */
    List<TextChunk> chunk(String text, int maxTokens, int overlapTokens);

    /** The number of tokens of a text, as the chunker counts them. */
    int countTokens(String text);
}
