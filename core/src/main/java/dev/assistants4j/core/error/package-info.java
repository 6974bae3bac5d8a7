/** The one error tree of the API; the server maps it to OpenAI's error envelope in one place. */
package dev.assistants4j.core.error;
