/** Chat model providers behind {@link dev.assistants4j.core.provider.LlmProvider}. */
package dev.assistants4j.providers;
