package dev.assistants4j.core.search;

/**
 * One result of a file_search call: a chunk of a file.
 *
 * @param fileName the file's name as uploaded
 * @param score relevance in 0..1
 * @param text the chunk's text
 */
public record FileSearchResult(String fileId, String fileName, double score, String text) {}
