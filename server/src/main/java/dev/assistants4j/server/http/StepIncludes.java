package dev.assistants4j.server.http;

import dev.assistants4j.core.engine.RunEventWire;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code include[]} query parameter of run creation and of the run steps; {@link RunEventWire} checks the
 * values and applies them.
 */
final class StepIncludes {

    private StepIncludes() {}

    /** True when the request asks for file_search result content; refuses other values. */
    static boolean fileSearchContent(ApiExchange call) {
        List<String> values = new ArrayList<>(call.queryParams("include[]"));
        values.addAll(call.queryParams("include"));
        return RunEventWire.fileSearchContent(values);
    }
}
