package dev.assistants4j.server.http;

import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.engine.RunEventWire;
import dev.assistants4j.core.engine.RunService;
import dev.assistants4j.core.engine.RunService.StartedRun;
import dev.assistants4j.core.store.Page;
import java.util.Set;

/**
 * {@code /threads/{thread_id}/runs} and {@code /threads/runs}: create (streaming or not), list, retrieve, modify,
 * cancel, submit tool outputs, and the run steps. Must be registered before {@link ThreadsRoutes}, so that
 * {@code POST /threads/runs} is not taken for a thread id.
 */
public final class RunsRoutes {

    private final RunService runs;

    public RunsRoutes(RunService runs) {
        this.runs = runs;
    }

    public void register(ApiRouter router) {
        router.post("/threads/runs", this::createThreadAndRun);
        router.post("/threads/{thread_id}/runs", this::create);
        router.get("/threads/{thread_id}/runs", this::list);
        router.get("/threads/{thread_id}/runs/{run_id}", this::retrieve);
        router.post("/threads/{thread_id}/runs/{run_id}", this::modify);
        router.post("/threads/{thread_id}/runs/{run_id}/cancel", this::cancel);
        router.post("/threads/{thread_id}/runs/{run_id}/submit_tool_outputs", this::submitToolOutputs);
        router.get("/threads/{thread_id}/runs/{run_id}/steps", this::listSteps);
        router.get("/threads/{thread_id}/runs/{run_id}/steps/{step_id}", this::retrieveStep);
    }

    private void create(ApiExchange call) throws InterruptedException {
        JsonObjectReader body = call.body();
        var request = RunRequests.create(body);
        boolean content = StepIncludes.fileSearchContent(call);
        respond(
                call,
                runs.create(call.caller(), call.pathParam("thread_id"), request),
                RunRequests.stream(body),
                content);
    }

    private void createThreadAndRun(ApiExchange call) throws InterruptedException {
        JsonObjectReader body = call.body();
        var request = RunRequests.createThreadAndRun(body);
        boolean content = StepIncludes.fileSearchContent(call);
        respond(call, runs.createThreadAndRun(call.caller(), request), RunRequests.stream(body), content);
    }

    private void submitToolOutputs(ApiExchange call) throws InterruptedException {
        JsonObjectReader body = call.body();
        var outputs = RunRequests.toolOutputs(body);
        boolean content = StepIncludes.fileSearchContent(call);
        StartedRun started = runs.submitToolOutputs(
                call.projectId(), call.pathParam("thread_id"), call.pathParam("run_id"), outputs);
        respond(call, started, RunRequests.stream(body), content);
    }

    /** @param fileSearchContent whether streamed run steps carry file_search result content ({@code include[]}) */
    private static void respond(ApiExchange call, StartedRun started, boolean stream, boolean fileSearchContent)
            throws InterruptedException {
        if (stream) {
            call.events(started.events(), fileSearchContent);
        } else {
            call.json(started.run());
        }
    }

    private void list(ApiExchange call) {
        var page = runs.list(call.projectId(), call.pathParam("thread_id"), ListQuery.page(call));
        call.json(ListResponse.of(page, Run::id));
    }

    private void retrieve(ApiExchange call) {
        PollAfter.header(call);
        call.json(runs.retrieve(call.projectId(), call.pathParam("thread_id"), call.pathParam("run_id")));
    }

    private void modify(ApiExchange call) {
        JsonObjectReader body = call.body().allowOnly(Set.of("metadata"));
        var metadata = body.patch("metadata", body::metadata);
        call.json(runs.modify(call.projectId(), call.pathParam("thread_id"), call.pathParam("run_id"), metadata));
    }

    private void cancel(ApiExchange call) {
        call.emptyBody();
        call.json(runs.cancel(call.projectId(), call.pathParam("thread_id"), call.pathParam("run_id")));
    }

    private void listSteps(ApiExchange call) {
        boolean content = StepIncludes.fileSearchContent(call);
        var page = runs.listSteps(
                call.projectId(), call.pathParam("thread_id"), call.pathParam("run_id"), ListQuery.page(call));
        var shown = new Page<>(
                page.data().stream()
                        .map(step -> RunEventWire.step(step, content))
                        .toList(),
                page.hasMore());
        call.json(ListResponse.of(shown, step -> step.get("id").asText()));
    }

    private void retrieveStep(ApiExchange call) {
        boolean content = StepIncludes.fileSearchContent(call);
        RunStep step = runs.retrieveStep(
                call.projectId(), call.pathParam("thread_id"), call.pathParam("run_id"), call.pathParam("step_id"));
        call.json(RunEventWire.step(step, content));
    }
}
