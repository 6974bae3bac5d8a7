package dev.assistants4j.server.http;

import dev.assistants4j.client.ApiRequest;
import dev.assistants4j.client.RequestBody;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.engine.RunEventLog;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.service.FileService.FileContent;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An API call made inside the JVM: a client's {@link ApiRequest}, its path parameters as the route matched them, and
 * the caller the in-process transport acts as. The handler's answer is kept for {@link InProcessApi} to hand back.
 */
final class InProcessExchange implements ApiExchange {

    /** What a handler answered with. */
    sealed interface Answer {
        record Value(Object value) implements Answer {}

        record Events(RunEventLog.Subscription events, boolean fileSearchContent) implements Answer {}

        record File(FileContent content) implements Answer {}
    }

    private final ApiRequest request;
    private final Map<String, String> pathParams;
    private final Caller caller;
    private Answer answer;

    InProcessExchange(ApiRequest request, Map<String, String> pathParams, Caller caller) {
        this.request = request;
        this.pathParams = pathParams;
        this.caller = caller;
    }

    @Override
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("No path parameter " + name);
        }
        return value;
    }

    @Override
    public String queryParam(String name) {
        return queryParams(name).stream().findFirst().orElse(null);
    }

    @Override
    public List<String> queryParams(String name) {
        return request.query().stream()
                .filter(param -> param.name().equals(name))
                .map(ApiRequest.QueryParam::value)
                .toList();
    }

    /** The JSON body, read by the same parser as an HTTP body (so the same refusals). */
    @Override
    public JsonObjectReader body() {
        return switch (request.body()) {
            case RequestBody.None none -> JsonObjectReader.parse("");
            case RequestBody.Json json -> JsonObjectReader.parse(text(json));
            case RequestBody.FileUpload upload ->
                throw new InvalidRequestException(
                        "Invalid Content-Type header (multipart/form-data): this endpoint takes a JSON body.", null);
        };
    }

    /** The parts of an upload: its text fields, then the file. */
    List<FormPart> formParts() {
        if (!(request.body() instanceof RequestBody.FileUpload upload)) {
            throw new InvalidRequestException(
                    "Invalid Content-Type header (application/json): uploads must be sent as multipart/form-data with"
                            + " the fields 'file' and 'purpose'.",
                    null);
        }
        List<FormPart> parts = new ArrayList<>();
        upload.fields().forEach((name, value) -> parts.add(FormPart.text(name, value)));
        parts.add(FormPart.bytes("file", upload.filename(), upload.content()));
        return parts;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public void header(String name, String value) {
        // no headers in-process
    }

    @Override
    public void json(Object value) {
        answer = new Answer.Value(value);
    }

    @Override
    public void events(RunEventLog.Subscription events, boolean fileSearchContent) {
        answer = new Answer.Events(events, fileSearchContent);
    }

    @Override
    public void file(FileContent content) {
        answer = new Answer.File(content);
    }

    Optional<Answer> answer() {
        return Optional.ofNullable(answer);
    }

    private static String text(RequestBody.Json json) {
        try {
            return Json.MAPPER.writeValueAsString(json.value());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
