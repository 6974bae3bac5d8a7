package dev.assistants4j.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a config file into a YAML tree. Parse errors report the parser's problem with line and column but never the
 * offending source line, which may hold a secret.
 */
final class YamlFile {

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private YamlFile() {}

    /** The file's top-level mapping; an empty object for an empty or comment-only file. */
    static ObjectNode read(Path file) {
        String source = file.toString();
        if (!Files.exists(file)) {
            throw ConfigException.inFile(source, "config file not found: " + source, null);
        }
        if (!Files.isRegularFile(file)) {
            throw ConfigException.inFile(source, "config file is not a regular file: " + source, null);
        }
        return parse(readText(file, source), source);
    }

    /** Parses config text; {@code source} names it in errors. */
    static ObjectNode parse(String text, String source) {
        return mapping(tree(text, source), source);
    }

    private static ObjectNode mapping(JsonNode root, String source) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            throw ConfigException.at(
                    source,
                    "(top level)",
                    "must be a mapping with keys such as model_list, not " + ConfigContext.describe(root));
        }
        return (ObjectNode) root;
    }

    private static String readText(Path file, String source) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ConfigException.inFile(source, "cannot read config file " + source + ": " + e, e);
        }
    }

    private static JsonNode tree(String text, String source) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            // No cause attached: the parser's own message quotes the source line, which may contain a secret.
            throw ConfigException.inFile(source, "invalid YAML in " + source + " " + describe(e), null);
        }
    }

    /** "at line L, column C: problem", from SnakeYAML's mark when available. */
    private static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return at(mark.getLine() + 1, mark.getColumn() + 1) + yaml.getProblem();
        }
        JsonLocation location = e.getLocation();
        String firstLine =
                String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
        return location == null ? ": " + firstLine : at(location.getLineNr(), location.getColumnNr()) + firstLine;
    }

    private static String at(int line, int column) {
        return "at line " + line + ", column " + column + ": ";
    }
}
