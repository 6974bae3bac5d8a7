/**
 * Who calls: the {@link dev.assistants4j.core.access.Caller} a presented API key stands for (its project, key and
 * team, and the limits they set), and the {@link dev.assistants4j.core.access.Callers} seam that finds it.
 */
package dev.assistants4j.core.access;
