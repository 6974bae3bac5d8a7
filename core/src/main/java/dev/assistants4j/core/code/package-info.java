/**
 * The code_interpreter tool's execution interface: a {@link dev.assistants4j.core.code.CodeInterpreter} runs Python
 * code in a per-thread session, like a notebook, and returns its logs, its errors and the files and images it made.
 * The isolated implementation (bubblewrap) lives in the sandbox module, so core stays free of process handling.
 */
package dev.assistants4j.core.code;
