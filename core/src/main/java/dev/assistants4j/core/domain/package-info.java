/** The API's objects as immutable records that serialise to OpenAI's wire shapes. */
package dev.assistants4j.core.domain;
