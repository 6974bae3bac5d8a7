package dev.assistants4j.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.code.CodeExecution;
import dev.assistants4j.core.domain.CodeInterpreterTool;
import dev.assistants4j.core.domain.FunctionDefinition;
import dev.assistants4j.core.domain.Run;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * How the code_interpreter tool of a run looks to the model: a function {@code code_interpreter(code)}, an
 * instruction describing the sandbox and its files, and the tool message that carries an execution's result.
 */
final class CodeInterpreterTools {

    static final String NAME = "code_interpreter";

    /** Where files live in the sandbox, and the prefix of links to them in answers. */
    static final String DATA_DIR = "/mnt/data";

    static final String LINK_PREFIX = "sandbox:" + DATA_DIR + "/";

    private static final FunctionDefinition DEFINITION = new FunctionDefinition(
            NAME, "Runs Python code in a stateful sandbox and returns its output.", parameters(), false);

    private CodeInterpreterTools() {}

    /** True when the run has the code_interpreter tool. */
    static boolean enabled(Run run) {
        return run.tools().stream().anyMatch(CodeInterpreterTool.class::isInstance);
    }

    /** True when {@code name} is a call of the run's code_interpreter tool (not a client function). */
    static boolean isCall(Run run, String name) {
        return NAME.equals(name) && enabled(run);
    }

    /** The function the model sees. */
    static FunctionDefinition definition() {
        return DEFINITION;
    }

    /** The system instruction, naming the files the code finds in {@value #DATA_DIR}. */
    static String instructions(List<String> fileNames) {
        String files = fileNames.isEmpty()
                ? "Files you save in " + DATA_DIR + " persist between calls."
                : "The user's files are in " + DATA_DIR + ": " + String.join(", ", fileNames) + ".";
        return "You can run Python with the code_interpreter tool. It runs in a stateful, Jupyter-like sandbox:"
                + " variables and imports persist between calls (a call that times out resets them). " + files
                + " To give the user a file, save it in " + DATA_DIR + " and link it as " + LINK_PREFIX
                + "<name>. Figures you show (plt.show()) are returned to the user as images. numpy, pandas and"
                + " matplotlib are installed; there is no internet access.";
    }

    /**
     * The code of a call's arguments: {@code {"code": "…"}} (also {@code input} or {@code python}), or the arguments
     * themselves when they are not a JSON object (raw code). Empty when a JSON object holds no code.
     */
    static Optional<String> code(String arguments) {
        String text = arguments == null ? "" : arguments;
        if (!text.stripLeading().startsWith("{")) {
            return text.isBlank() ? Optional.empty() : Optional.of(text);
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String field : List.of("code", "input", "python")) {
            if (parsed.path(field).isTextual()) {
                return Optional.of(parsed.path(field).asText());
            }
        }
        return Optional.empty();
    }

    /**
     * The logs output clients see: what the code printed, followed by the error when the execution did not complete
     * and its logs do not already end with it (a traceback does).
     */
    static String logs(CodeExecution execution) {
        String logs = execution.logs();
        if (execution.error().isEmpty()) {
            return logs;
        }
        String error = execution.error().get();
        if (logs.strip().endsWith(error.strip())) {
            return logs;
        }
        return logs.isEmpty() || logs.endsWith("\n") ? logs + error : logs + "\n" + error;
    }

    /** The tool message the model gets: the logs, then the files written and the images shown. */
    static String result(String logs, List<String> files, int images) {
        StringBuilder text = new StringBuilder(logs.isEmpty() ? "(no output)" : logs);
        if (!files.isEmpty()) {
            text.append("\n\nFiles written to ").append(DATA_DIR).append(": ");
            for (int i = 0; i < files.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(LINK_PREFIX).append(files.get(i));
            }
        }
        if (images > 0) {
            text.append("\n\n")
                    .append(images)
                    .append(images == 1 ? " image was" : " images were")
                    .append(" shown to the user.");
        }
        return text.toString();
    }

    private static JsonNode parameters() {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("code").put("type", "string").put("description", "Python code.");
        schema.putArray("required").add("code");
        return schema;
    }
}
