/**
 * The Assistants API's objects as immutable records, read from the wire with snake_case names; properties a record
 * does not know are ignored, so newer servers do not break older clients. All types here are thread-safe values.
 */
package dev.assistants4j.client.model;
