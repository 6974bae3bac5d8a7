package dev.assistants4j.core.search;

/**
 * A chunk found by a search.
 *
 * @param score relevance in 0..1 (1: ranked first by both the vector and the keyword search)
 */
public record ChunkHit(String vectorStoreId, String fileId, int index, String text, double score) {}
