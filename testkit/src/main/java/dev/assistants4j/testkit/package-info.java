/** Fixtures for tests: a scripted fake upstream LLM server. */
package dev.assistants4j.testkit;
