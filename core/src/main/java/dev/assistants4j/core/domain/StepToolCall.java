package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** One tool call recorded in a tool_calls run step. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StepToolCall.Function.class, name = "function"),
    @JsonSubTypes.Type(value = StepToolCall.FileSearch.class, name = "file_search"),
    @JsonSubTypes.Type(value = StepToolCall.CodeInterpreter.class, name = "code_interpreter")
})
public sealed interface StepToolCall
        permits StepToolCall.Function, StepToolCall.FileSearch, StepToolCall.CodeInterpreter {

    /** The call id ({@code call_…}). */
    String id();

    /** A function call; {@code output} is null until the client submits it. */
    record Function(String id, FunctionCallDetails function) implements StepToolCall {
        public Function withOutput(String output) {
            return new Function(id, new FunctionCallDetails(function.name(), function.arguments(), output));
        }
    }

    /** Name, arguments and (once submitted) output of a function call. */
    record FunctionCallDetails(String name, String arguments, String output) {}

    /**
     * A file_search call the server executed: {@code {"id","type":"file_search","file_search":{"ranking_options",
     * "results"}}}.
     *
     * @param trace what the engine needs to replay the call to the model; stored, never sent to clients (see
     *     {@code RunEventWire})
     */
    record FileSearch(String id, FileSearchDetails fileSearch, FileSearchTrace trace) implements StepToolCall {

        /** The name of the stored-only field. */
        public static final String TRACE = "trace";

        /** This call with its results' content left out, as clients see it without {@code include[]}. */
        public FileSearch withoutContent() {
            List<FileSearchResult> bare = fileSearch.results().stream()
                    .map(result -> new FileSearchResult(result.fileId(), result.fileName(), result.score(), null))
                    .toList();
            return new FileSearch(id, new FileSearchDetails(fileSearch.rankingOptions(), bare), trace);
        }
    }

    /** The ranking used and the results found (empty while the search runs). */
    record FileSearchDetails(RankingOptions rankingOptions, List<FileSearchResult> results) {
        public FileSearchDetails {
            results = results == null ? List.of() : List.copyOf(results);
        }
    }

    /**
     * One result: a chunk of a file.
     *
     * @param content null when left out (only sent on request)
     */
    record FileSearchResult(
            String fileId,
            String fileName,
            double score,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<FileSearchResultContent> content) {

        /** The chunk's text, or "" when the content was left out. */
        public String text() {
            if (content == null) {
                return "";
            }
            StringBuilder text = new StringBuilder();
            content.forEach(part -> text.append(part.text()));
            return text.toString();
        }
    }

    /** {@code {"type":"text","text"}}. */
    record FileSearchResultContent(String type, String text) {
        public static FileSearchResultContent text(String text) {
            return new FileSearchResultContent("text", text);
        }
    }

    /**
     * The stored-only part of a file_search call.
     *
     * @param arguments the arguments the model gave, as JSON text
     * @param turn the call's number among the run's file_search calls, from 0: the {@code t} of its
     *     {@code 【t:n†name】} citation markers
     * @param error null, or the text the model got instead of results because the search failed
     */
    record FileSearchTrace(String arguments, int turn, String error) {}

    /**
     * A code_interpreter call the server executed: {@code {"id","type":"code_interpreter","code_interpreter":{"input",
     * "outputs"}}}.
     *
     * @param trace what the engine needs to replay the call to the model; stored, never sent to clients (see
     *     {@code RunEventWire}); null while the call is being streamed
     */
    record CodeInterpreter(String id, CodeInterpreterDetails codeInterpreter, CodeInterpreterTrace trace)
            implements StepToolCall {}

    /** The code the model wrote, and what it produced (empty until it ran). */
    record CodeInterpreterDetails(String input, List<CodeOutput> outputs) {
        public CodeInterpreterDetails {
            input = input == null ? "" : input;
            outputs = outputs == null ? List.of() : List.copyOf(outputs);
        }
    }

    /** One output of a code_interpreter call: {@code {"type":"logs","logs"}} or {@code {"type":"image","image"}}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = LogsOutput.class, name = "logs"),
        @JsonSubTypes.Type(value = ImageOutput.class, name = "image")
    })
    sealed interface CodeOutput permits LogsOutput, ImageOutput {}

    /** The text the code printed (and the error, for an execution that did not complete). */
    record LogsOutput(String logs) implements CodeOutput {}

    /** An image the code showed, stored as a file. */
    record ImageOutput(ImageRef image) implements CodeOutput {}

    /** {@code {"file_id"}}. */
    record ImageRef(String fileId) {}

    /**
     * The stored-only part of a code_interpreter call.
     *
     * @param arguments the arguments the model gave, as JSON text
     * @param result the tool message the model got: the logs, the error and the files the code produced; null
     *     while the call has not run
     * @param files the files the code wrote, stored as files (images are in the outputs)
     */
    record CodeInterpreterTrace(String arguments, String result, List<WrittenFile> files) {
        public CodeInterpreterTrace {
            files = files == null ? List.of() : List.copyOf(files);
        }
    }

    /** A file a code_interpreter call wrote: its path under {@code /mnt/data} and the id it was stored under. */
    record WrittenFile(String name, String fileId) {}
}
