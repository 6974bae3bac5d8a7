package dev.assistants4j.server.http;

import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.engine.RunEventWire;
import dev.assistants4j.core.engine.RunService;
import dev.assistants4j.core.engine.RunService.StartedRun;
import dev.assistants4j.core.store.Page;
import io.javalin.http.Context;
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

    private void create(Context ctx) throws InterruptedException {
        JsonObjectReader body = JsonObjectReader.body(ctx);
        var request = RunRequests.create(body);
        boolean content = StepIncludes.fileSearchContent(ctx);
        respond(
                ctx,
                runs.create(Auth.caller(ctx), ctx.pathParam("thread_id"), request),
                RunRequests.stream(body),
                content);
    }

    private void createThreadAndRun(Context ctx) throws InterruptedException {
        JsonObjectReader body = JsonObjectReader.body(ctx);
        var request = RunRequests.createThreadAndRun(body);
        boolean content = StepIncludes.fileSearchContent(ctx);
        respond(ctx, runs.createThreadAndRun(Auth.caller(ctx), request), RunRequests.stream(body), content);
    }

    private void submitToolOutputs(Context ctx) throws InterruptedException {
        JsonObjectReader body = JsonObjectReader.body(ctx);
        var outputs = RunRequests.toolOutputs(body);
        boolean content = StepIncludes.fileSearchContent(ctx);
        StartedRun started = runs.submitToolOutputs(
                Auth.projectId(ctx), ctx.pathParam("thread_id"), ctx.pathParam("run_id"), outputs);
        respond(ctx, started, RunRequests.stream(body), content);
    }

    /** @param fileSearchContent whether streamed run steps carry file_search result content ({@code include[]}) */
    private static void respond(Context ctx, StartedRun started, boolean stream, boolean fileSearchContent)
            throws InterruptedException {
        if (stream) {
            RunEventSse.stream(ctx, started.events(), fileSearchContent);
        } else {
            ctx.json(started.run());
        }
    }

    private void list(Context ctx) {
        var page = runs.list(Auth.projectId(ctx), ctx.pathParam("thread_id"), ListQuery.page(ctx));
        ctx.json(ListResponse.of(page, Run::id));
    }

    private void retrieve(Context ctx) {
        PollAfter.header(ctx);
        ctx.json(runs.retrieve(Auth.projectId(ctx), ctx.pathParam("thread_id"), ctx.pathParam("run_id")));
    }

    private void modify(Context ctx) {
        JsonObjectReader body = JsonObjectReader.body(ctx).allowOnly(Set.of("metadata"));
        var metadata = body.patch("metadata", body::metadata);
        ctx.json(runs.modify(Auth.projectId(ctx), ctx.pathParam("thread_id"), ctx.pathParam("run_id"), metadata));
    }

    private void cancel(Context ctx) {
        JsonObjectReader.emptyBody(ctx);
        ctx.json(runs.cancel(Auth.projectId(ctx), ctx.pathParam("thread_id"), ctx.pathParam("run_id")));
    }

    private void listSteps(Context ctx) {
        boolean content = StepIncludes.fileSearchContent(ctx);
        var page = runs.listSteps(
                Auth.projectId(ctx), ctx.pathParam("thread_id"), ctx.pathParam("run_id"), ListQuery.page(ctx));
        var shown = new Page<>(
                page.data().stream()
                        .map(step -> RunEventWire.step(step, content))
                        .toList(),
                page.hasMore());
        ctx.json(ListResponse.of(shown, step -> step.get("id").asText()));
    }

    private void retrieveStep(Context ctx) {
        boolean content = StepIncludes.fileSearchContent(ctx);
        RunStep step = runs.retrieveStep(
                Auth.projectId(ctx), ctx.pathParam("thread_id"), ctx.pathParam("run_id"), ctx.pathParam("step_id"));
        ctx.json(RunEventWire.step(step, content));
    }
}
