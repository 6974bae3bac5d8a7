package dev.assistants4j.core.search;

/**
 * One chunk of a file's text.
 *
 * @param index its position among the file's chunks, from 0
 * @param tokens its length in tokens
 */
public record TextChunk(int index, String text, int tokens) {}
