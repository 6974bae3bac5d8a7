/**
 * Getting a file ready for file_search: {@link dev.assistants4j.retrieval.ingest.TikaTextExtractor} (text out of pdf,
 * office, html and text files), {@link dev.assistants4j.retrieval.ingest.TokenChunker} (cl100k token windows with
 * overlap) and {@link dev.assistants4j.retrieval.ingest.LocalEmbedder} (offline all-MiniLM-L6-v2 vectors).
 */
package dev.assistants4j.retrieval.ingest;
