package dev.assistants4j.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Reads the {@code assistant_settings.code_interpreter} section of the config file; absent keys keep their defaults. */
final class CodeInterpreterConfigParser {

    private static final String KEY = "code_interpreter";
    private static final Set<String> KEYS = Set.of(
            "enabled", "allow_unsandboxed_code_execution", "timeout_seconds", "memory_mb", "idle_expiry_minutes");

    private CodeInterpreterConfigParser() {}

    /**
     * @param parent the mapping holding the {@code code_interpreter} key
     * @param path that key's path, for error messages
     */
    static CodeInterpreterConfig parse(JsonNode parent, String path, ConfigContext ctx) {
        JsonNode section = ctx.optionalMapping(parent, KEY, path);
        CodeInterpreterConfig defaults = CodeInterpreterConfig.DEFAULTS;
        if (section == null) {
            return defaults;
        }
        for (Map.Entry<String, JsonNode> field : section.properties()) {
            if (!KEYS.contains(field.getKey())) {
                throw ctx.error(
                        path + "." + field.getKey(),
                        "unknown key; accepted keys: enabled, allow_unsandboxed_code_execution, timeout_seconds,"
                                + " memory_mb, idle_expiry_minutes");
            }
        }
        return new CodeInterpreterConfig(
                bool(section, path, "enabled", defaults.enabled(), ctx),
                bool(section, path, "allow_unsandboxed_code_execution", defaults.allowUnsandboxedCodeExecution(), ctx),
                Duration.ofSeconds(number(
                        section, path, "timeout_seconds", defaults.timeout().toSeconds(), 1, 3_600, ctx)),
                number(section, path, "memory_mb", defaults.memoryMb(), 64, 1 << 20, ctx),
                Duration.ofMinutes(number(
                        section,
                        path,
                        "idle_expiry_minutes",
                        defaults.idleExpiry().toMinutes(),
                        1,
                        10_080,
                        ctx)));
    }

    private static boolean bool(JsonNode section, String path, String key, boolean fallback, ConfigContext ctx) {
        return ctx.optionalBoolean(section, key, path + "." + key, fallback);
    }

    private static long number(
            JsonNode section, String path, String key, long fallback, long min, long max, ConfigContext ctx) {
        if (ConfigContext.absent(section, key)) {
            return fallback;
        }
        JsonNode node = section.get(key);
        if (!node.isIntegralNumber() || node.longValue() < min || node.longValue() > max) {
            throw ctx.error(path + "." + key, "must be a whole number from " + min + " to " + max);
        }
        return node.longValue();
    }
}
