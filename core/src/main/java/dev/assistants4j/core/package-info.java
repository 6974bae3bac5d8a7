/** Shared basics: ids and the JSON configuration. */
package dev.assistants4j.core;
