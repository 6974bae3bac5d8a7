package dev.assistants4j.server.http;

import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.engine.RunEventLog;
import dev.assistants4j.core.service.FileService.FileContent;
import java.util.List;
import java.util.Set;

/**
 * One call of an Assistants API route, whoever carries it: Javalin's request over HTTP ({@link HttpExchange}), or a
 * client's request inside the JVM ({@link InProcessExchange}). The routes read their input and write their answer
 * only through it, so one path table serves both transports with the same validation, objects and errors. Not
 * thread-safe; one per call.
 */
sealed interface ApiExchange permits HttpExchange, InProcessExchange {

    /** A parameter of the route's path ({@code thread_id}), unescaped. */
    String pathParam(String name);

    /** The first value of a query parameter; null when absent. */
    String queryParam(String name);

    /** Every value of a query parameter, in order. */
    List<String> queryParams(String name);

    /** The body as one JSON object; an empty body is an empty object. */
    JsonObjectReader body();

    /** Who makes the call. */
    Caller caller();

    /** Adds a header to the answer (ignored where there are no headers). */
    void header(String name, String value);

    /** Answers with {@code value}, in its wire shape. */
    void json(Object value);

    /** Answers with a run's events until the run ends or waits for tool outputs. */
    void events(RunEventLog.Subscription events, boolean fileSearchContent) throws InterruptedException;

    /** Answers with a file's bytes. */
    void file(FileContent content);

    /** The project the caller acts in. */
    default String projectId() {
        return caller().projectId();
    }

    /** Refuses any field in the body of a call that takes none (a cancel). */
    default void emptyBody() {
        body().allowOnly(Set.of());
    }
}
