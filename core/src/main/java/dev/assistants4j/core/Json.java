package dev.assistants4j.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.domain.StepToolCall;
import java.io.IOException;

/**
 * The one Jackson configuration for wire and storage: snake_case names, nulls written (OpenAI sends explicit
 * nulls), unknown properties ignored when reading stored objects. Thread-safe once built.
 */
public final class Json {

    /** Shared mapper for storage and parsing; do not reconfigure. */
    public static final ObjectMapper MAPPER = builder().build();

    /**
     * The mapper for what clients see: as {@link #MAPPER}, except that a run step in progress shows {@code usage:
     * null} (the spec's rule) although its model call's usage is already stored with it, and a file_search call
     * leaves out its stored-only {@code trace}.
     */
    public static final ObjectMapper WIRE = builder()
            .addModule(new SimpleModule("assistants4j-wire").addSerializer(RunStep.class, new RunStepWireSerializer()))
            .build();

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Writes a step as stored, hiding the usage of a step still in progress. */
    private static final class RunStepWireSerializer extends StdSerializer<RunStep> {

        RunStepWireSerializer() {
            super(RunStep.class);
        }

        @Override
        public void serialize(RunStep step, JsonGenerator gen, SerializerProvider provider) throws IOException {
            ObjectNode node = MAPPER.valueToTree(step);
            if (step.status() == RunStepStatus.IN_PROGRESS) {
                node.putNull("usage");
            }
            for (JsonNode call : node.path("step_details").path("tool_calls")) {
                if (call instanceof ObjectNode object) {
                    object.remove(StepToolCall.FileSearch.TRACE);
                }
            }
            gen.writeTree(node);
        }
    }

    private Json() {}
}
