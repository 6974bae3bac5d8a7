package dev.assistants4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.model.Tool;
import dev.assistants4j.client.model.ToolCall;
import dev.assistants4j.client.params.RunParams;
import dev.assistants4j.client.params.ToolOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Java functions an assistant may call: register each with its name, description, JSON schema and handler, put
 * {@link #tools()} on the assistant or run, and run the thread with
 * {@link Assistants4j#runThread(String, RunParams, Functions)}: whenever the run requires action, every call is
 * answered, one after another in the run's order (a handler's result as JSON text, a string as it is), and the
 * outputs submitted together, until the run ends (streamed: the handler's {@code onEnd} comes after each stream). An
 * unknown name, arguments that are not JSON, or a handler that throws give the output
 * {@code {"error":"…"}}, so the model sees the failure and the run goes on. Thread-safe: register and call from any
 * thread.
 */
public final class Functions {

    /** A function's body: takes the arguments the model wrote, returns the output (a String or any JSON value). */
    @FunctionalInterface
    public interface Handler {
        Object call(JsonNode arguments) throws Exception;
    }

    private record Registered(Tool tool, Handler handler) {}

    private final Map<String, Registered> functions = new LinkedHashMap<>();

    /** Registers a function, replacing one of the same name; {@code schema} is its parameters' JSON schema. */
    public Functions register(String name, String description, JsonNode schema, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        synchronized (functions) {
            functions.put(name, new Registered(Tool.function(name, description, schema), handler));
        }
        return this;
    }

    /** Registers a function whose parameters' JSON schema is given as text. */
    public Functions register(String name, String description, String schemaJson, Handler handler) {
        return register(name, description, Wire.parse(schemaJson), handler);
    }

    /** The function tools, in the order registered, for an assistant's or run's tools. */
    public List<Tool> tools() {
        synchronized (functions) {
            return functions.values().stream().map(Registered::tool).toList();
        }
    }

    /** The output for one call: what its handler returned, or {@code {"error":"…"}}. */
    public ToolOutput call(ToolCall.FunctionToolCall call) {
        Registered function;
        synchronized (functions) {
            function = functions.get(call.name());
        }
        if (function == null) {
            return error(call, "unknown function: " + call.name());
        }
        try {
            JsonNode arguments =
                    Wire.parse(call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments());
            Object result = function.handler().call(arguments);
            return new ToolOutput(call.id(), result == null ? "null" : Wire.text(result));
        } catch (Exception e) {
            return error(call, call.name() + " failed: " + e.getMessage());
        }
    }

    /** The outputs for all the calls a run waits for, in order. */
    public List<ToolOutput> call(List<ToolCall.FunctionToolCall> calls) {
        return calls.stream().map(this::call).toList();
    }

    private static ToolOutput error(ToolCall.FunctionToolCall call, String message) {
        return new ToolOutput(call.id(), Wire.text(Map.of("error", message)));
    }

    /** Runs the thread, answering function calls, until the run ends; the run as it ended. */
    Run runThread(Assistants4j client, String threadId, RunParams params) {
        Run run = client.runThread(threadId, params);
        while (run.status() == RunStatus.REQUIRES_ACTION) {
            run = client.submitToolOutputsAndPoll(threadId, run.id(), call(run.toolCallsToAnswer()));
        }
        return run;
    }

    /** Streams the run into {@code handler}, answering function calls, until the run ends; the run as it ended. */
    Run runThreadStream(Assistants4j client, String threadId, RunParams params, AssistantEventHandler handler) {
        Run run = client.runThreadStream(threadId, params, handler);
        while (run.status() == RunStatus.REQUIRES_ACTION) {
            run = client.submitToolOutputsStream(threadId, run.id(), call(run.toolCallsToAnswer()), handler);
        }
        return run;
    }
}
