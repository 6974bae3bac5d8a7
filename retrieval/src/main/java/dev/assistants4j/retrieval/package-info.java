/**
 * file_search's machinery: {@code ingest} (text extraction, token chunking, local embeddings) and {@code index}
 * (the hybrid Lucene index). Implements the interfaces of {@code dev.assistants4j.core.search}.
 */
package dev.assistants4j.retrieval;
