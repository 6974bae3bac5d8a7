/**
 * Small, honest test doubles of the retrieval SPI ({@code dev.assistants4j.core.search}): a UTF-8 text extractor, a
 * whitespace chunker, a hashing embedder and an in-memory chunk index with keyword scoring, bundled by {@link
 * dev.assistants4j.testkit.retrieval.TestRetrieval}. For tests only.
 */
package dev.assistants4j.testkit.retrieval;
