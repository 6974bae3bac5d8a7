package dev.assistants4j.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Typed, path-aware access to the YAML tree: every failure becomes a {@link ConfigException} naming the source and
 * key path. Values of the form {@code os.environ/NAME} are resolved through {@link Env}.
 */
record ConfigContext(String source, Env env) {

    static final String ENV_PREFIX = "os.environ/";

    ConfigException error(String path, String problem) {
        return ConfigException.at(source, path, problem);
    }

    /** True when {@code key} is absent or explicitly null. */
    static boolean absent(JsonNode parent, String key) {
        JsonNode node = parent.get(key);
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** The mapping at {@code key}, or null when absent; fails if present but not a mapping. */
    JsonNode optionalMapping(JsonNode parent, String key, String path) {
        if (absent(parent, key)) {
            return null;
        }
        JsonNode node = parent.get(key);
        if (!node.isObject()) {
            throw error(path, "must be a mapping (key: value pairs), not " + describe(node));
        }
        return node;
    }

    /** The boolean at {@code key}, or {@code fallback} when absent; fails if present but not true or false. */
    boolean optionalBoolean(JsonNode parent, String key, String path, boolean fallback) {
        if (absent(parent, key)) {
            return fallback;
        }
        JsonNode node = parent.get(key);
        if (!node.isBoolean()) {
            throw error(path, "must be true or false, not " + describe(node));
        }
        return node.booleanValue();
    }

    /** The string at {@code key} with {@code os.environ/} resolved; empty when absent. Never echoes the value. */
    Optional<String> optionalString(JsonNode parent, String key, String path) {
        if (absent(parent, key)) {
            return Optional.empty();
        }
        JsonNode node = parent.get(key);
        if (!node.isTextual()) {
            throw error(path, "must be a string, not " + describe(node) + " (quote the value)");
        }
        return Optional.of(resolve(node.textValue(), path));
    }

    /** Like {@link #optionalString} but the key must be present and the value not blank. */
    String requiredString(JsonNode parent, String key, String path) {
        String value = optionalString(parent, key, path).orElseThrow(() -> error(path, "is required"));
        if (value.isBlank()) {
            throw error(path, "must not be blank");
        }
        return value;
    }

    /** Resolves {@code os.environ/NAME} to the variable's value; other values are returned unchanged. */
    String resolve(String value, String path) {
        if (!value.startsWith(ENV_PREFIX)) {
            return value;
        }
        String name = value.substring(ENV_PREFIX.length()).trim();
        if (name.isEmpty()) {
            throw error(path, "'" + ENV_PREFIX + "' must be followed by an environment variable name");
        }
        return env.get(name)
                .orElseThrow(() -> error(
                        path,
                        "environment variable " + name + " is not set or empty (referenced as " + ENV_PREFIX + name
                                + "); set it or add it under environment_variables"));
    }

    /**
     * The number at {@code key}, written as a number or as text ({@code os.environ/} resolved); empty when absent.
     * Fails if present but not a number.
     */
    java.util.OptionalDouble optionalNumber(JsonNode parent, String key, String path) {
        if (absent(parent, key)) {
            return java.util.OptionalDouble.empty();
        }
        JsonNode node = parent.get(key);
        if (node.isNumber()) {
            return java.util.OptionalDouble.of(node.doubleValue());
        }
        if (node.isTextual()) {
            try {
                return java.util.OptionalDouble.of(
                        Double.parseDouble(resolve(node.textValue(), path).trim()));
            } catch (NumberFormatException e) {
                throw error(path, "must be a number, not the text '" + node.textValue() + "'");
            }
        }
        throw error(path, "must be a number, not " + describe(node));
    }

    /** Like {@link #optionalString}, but a blank value counts as absent. */
    Optional<String> optionalNonBlank(JsonNode parent, String key, String path) {
        return optionalString(parent, key, path).filter(value -> !value.isBlank());
    }

    /** The optional http(s) URL at {@code key}, {@code os.environ/} resolved and trailing slashes removed. */
    Optional<String> optionalUrl(JsonNode parent, String key, String path) {
        return optionalNonBlank(parent, key, path).map(url -> httpUrl(url, source, path));
    }

    /**
     * Checks that {@code value} is an absolute http(s) URL and returns it without trailing slashes. The problem
     * message does not echo the value, since URLs may carry credentials.
     */
    static String httpUrl(String value, String source, String path) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw ConfigException.at(source, path, "must be an http:// or https:// URL, but is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ConfigException.at(
                    source, path, "must be an http:// or https:// URL, for example https://api.openai.com/v1");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ConfigException.at(source, path, "must be an http:// or https:// URL with a host name");
        }
        String url = value.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    /** A short, value-free description of a node's YAML type for error messages. */
    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNull()) {
            return "empty";
        }
        return node.isTextual()
                ? "a string"
                : "a " + node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
}
