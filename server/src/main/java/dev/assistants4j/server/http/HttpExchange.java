package dev.assistants4j.server.http;

import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.engine.RunEventLog;
import dev.assistants4j.core.service.FileService.FileContent;
import io.javalin.http.Context;
import java.util.List;

/** An API call that came over HTTP: Javalin's context, with the caller {@link Auth} attached. */
record HttpExchange(Context ctx) implements ApiExchange {

    @Override
    public String pathParam(String name) {
        return ctx.pathParam(name);
    }

    @Override
    public String queryParam(String name) {
        return ctx.queryParam(name);
    }

    @Override
    public List<String> queryParams(String name) {
        return ctx.queryParams(name);
    }

    @Override
    public JsonObjectReader body() {
        return JsonObjectReader.body(ctx);
    }

    @Override
    public Caller caller() {
        return Auth.caller(ctx);
    }

    @Override
    public void header(String name, String value) {
        ctx.header(name, value);
    }

    @Override
    public void json(Object value) {
        ctx.json(value);
    }

    @Override
    public void events(RunEventLog.Subscription events, boolean fileSearchContent) throws InterruptedException {
        RunEventSse.stream(ctx, events, fileSearchContent);
    }

    @Override
    public void file(FileContent content) {
        String filename = content.file().filename();
        ctx.contentType(FileDownloads.contentType(filename));
        ctx.header("Content-Disposition", FileDownloads.attachment(filename));
        ctx.header("Content-Length", Long.toString(content.file().bytes()));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.result(content.stream()); // Javalin closes the stream once it is written
    }
}
