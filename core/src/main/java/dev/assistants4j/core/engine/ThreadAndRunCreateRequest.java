package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.ToolResources;
import dev.assistants4j.core.service.ThreadCreateRequest;
import java.util.Objects;

/**
 * A validated {@code POST /threads/runs} body.
 *
 * @param thread the thread to create
 * @param toolResources the request's own tool_resources, which the thread takes when it names none (null: none)
 * @param run the run to start on it
 */
public record ThreadAndRunCreateRequest(ThreadCreateRequest thread, ToolResources toolResources, RunCreateRequest run) {

    public ThreadAndRunCreateRequest {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(run, "run");
    }
}
