package dev.assistants4j.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration for wire and storage: snake_case names, nulls written (OpenAI sends explicit
 * nulls), unknown properties ignored when reading stored objects. Thread-safe once built.
 */
public final class Json {

    /** Shared mapper for storage and parsing; do not reconfigure. */
    public static final ObjectMapper MAPPER = builder().build();

    /**
     * The mapper for what clients see: as {@link #MAPPER}. Run steps and run events reach it already shaped by
     * {@code RunEventWire}, the one place that decides what of them clients see.
     */
    public static final ObjectMapper WIRE = builder().build();

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private Json() {}
}
