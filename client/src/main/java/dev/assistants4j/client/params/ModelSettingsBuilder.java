package dev.assistants4j.client.params;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.client.model.Tool;
import java.util.ArrayList;
import java.util.List;

/** What assistant and run builders share: model, instructions, tools and sampling settings. Not thread-safe. */
public abstract class ModelSettingsBuilder<B extends ModelSettingsBuilder<B>> extends ParamsBuilder<B> {

    String model;
    String instructions;
    List<Tool> tools;
    Double temperature;
    Double topP;
    JsonNode responseFormat;

    ModelSettingsBuilder() {}

    public B model(String model) {
        this.model = model;
        return self();
    }

    public B instructions(String instructions) {
        this.instructions = instructions;
        return self();
    }

    /** Replaces the tools. */
    public B tools(List<Tool> tools) {
        this.tools = new ArrayList<>(tools);
        return self();
    }

    /** Adds a tool. */
    public B tool(Tool tool) {
        if (tools == null) {
            tools = new ArrayList<>();
        }
        tools.add(tool);
        return self();
    }

    public B temperature(double temperature) {
        this.temperature = temperature;
        return self();
    }

    public B topP(double topP) {
        this.topP = topP;
        return self();
    }

    /** {@code "auto"}, {@code {"type":"json_object"}} or a {@code json_schema} format, as JSON. */
    public B responseFormat(JsonNode responseFormat) {
        this.responseFormat = responseFormat;
        return self();
    }
}
