/**
 * Chat model providers behind {@link dev.assistants4j.core.provider.LlmProvider} and embedding models behind {@link
 * dev.assistants4j.core.search.Embedder}.
 */
package dev.assistants4j.providers;
