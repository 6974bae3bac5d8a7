/**
 * The retrieval interfaces file_search is built on: extracting text from a file, cutting it into token chunks,
 * embedding chunks, and a hybrid (vector + keyword) index of chunks. Implementations live in the retrieval module,
 * so core stays free of Lucene, Tika and ONNX.
 */
package dev.assistants4j.core.search;
