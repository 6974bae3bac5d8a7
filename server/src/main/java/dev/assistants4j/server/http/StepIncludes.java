package dev.assistants4j.server.http;

import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.engine.RunEvent;
import dev.assistants4j.core.error.InvalidRequestException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code include[]} query parameter of run creation and of the run steps: file_search results carry their
 * {@code content} only when {@value #FILE_SEARCH_CONTENT} is asked for (the server always stores it).
 */
final class StepIncludes {

    static final String FILE_SEARCH_CONTENT = "step_details.tool_calls[*].file_search.results[*].content";

    private StepIncludes() {}

    /** True when the request asks for file_search result content; refuses other values. */
    static boolean fileSearchContent(Context ctx) {
        List<String> values = new ArrayList<>(ctx.queryParams("include[]"));
        values.addAll(ctx.queryParams("include"));
        for (String value : values) {
            if (!value.equals(FILE_SEARCH_CONTENT)) {
                throw new InvalidRequestException(
                        "Invalid value for 'include[]': '" + value + "'. Supported values are: '" + FILE_SEARCH_CONTENT
                                + "'.",
                        "include",
                        "invalid_value");
            }
        }
        return !values.isEmpty();
    }

    /** The step as this request shows it. */
    static RunStep view(RunStep step, boolean content) {
        return content ? step : step.withoutFileSearchContent();
    }

    /** The event as this request shows it: run steps without file_search content unless asked for. */
    static RunEvent view(RunEvent event, boolean content) {
        if (content || !(event.data() instanceof RunStep step)) {
            return event;
        }
        RunStep shown = step.withoutFileSearchContent();
        return shown == step ? event : new RunEvent(event.event(), shown, event.closesStream());
    }
}
