package dev.assistants4j.core.error;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The fields of an {@link ErrorEnvelope} that the official SDKs read back. */
@JsonPropertyOrder({"message", "type", "param", "code"})
public record ErrorBody(String message, String type, String param, String code) {}
