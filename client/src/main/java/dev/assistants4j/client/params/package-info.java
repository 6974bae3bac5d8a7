/**
 * The parameters of the Assistants API's calls as immutable records with builders. Each is sent as the JSON body the
 * OpenAI SDKs send: snake_case names, unset (null) fields left out, and {@code extra} fields added as they are, for
 * what a record does not type. All types here are thread-safe values; their builders are not thread-safe.
 */
package dev.assistants4j.client.params;
