/** The seam to chat models: one blocking streaming call, events as a sealed type, one exception with a retry flag. */
package dev.assistants4j.core.provider;
