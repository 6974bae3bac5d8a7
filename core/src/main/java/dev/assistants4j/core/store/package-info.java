/** Store interfaces: every call is scoped by a project id, and a foreign id behaves like an unknown one. */
package dev.assistants4j.core.store;
