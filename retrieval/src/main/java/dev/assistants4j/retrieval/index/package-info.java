/**
 * The hybrid chunk index: one Lucene index per server data dir holding every vector store's chunks, searched by
 * HNSW vector similarity and BM25 together and fused by reciprocal rank ({@link
 * dev.assistants4j.retrieval.index.LuceneChunkIndex}).
 */
package dev.assistants4j.retrieval.index;
