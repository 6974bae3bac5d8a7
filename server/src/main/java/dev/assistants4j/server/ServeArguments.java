package dev.assistants4j.server;

import java.lang.reflect.Field;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The start's short way through {@code serve}'s arguments, without picocli.
 *
 * <p>Why: picocli's classes are Java 5 class files, which the JDK's AOT cache does not hold, and building its model of
 * every command took about 13 % of the start's main thread (bench/start.sh). What: the options are read from {@link
 * Main.Serve}'s own {@code @Option} annotations (names and defaults, so there is one definition), and a {@code Serve}
 * comes back only when every argument is one of them, once, with a plain value that converts as picocli would convert
 * it. Anything else (help, version, an unknown or repeated option, a missing or odd value, an {@code @file}) answers
 * empty, and picocli parses the line and answers as always, its errors and help included.
 */
final class ServeArguments {

    private static final String NO_DEFAULT = "__no_default_value__";

    private ServeArguments() {}

    /** {@code args} are those after {@code serve}. */
    static Optional<Main.Serve> parse(String[] args) {
        Map<String, Field> options = options();
        Map<Field, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value;
            int equals = name.indexOf('=');
            if (name.startsWith("--") && equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return Optional.empty();
            }
            Field field = options.get(name);
            if (field == null || !plain(value) || values.put(field, value) != null) {
                return Optional.empty();
            }
        }
        Main.Serve serve = new Main.Serve();
        for (Field field : new HashSet<>(options.values())) {
            String value =
                    values.getOrDefault(field, field.getAnnotation(Option.class).defaultValue());
            if (!value.equals(NO_DEFAULT) && !set(serve, field, value)) {
                return Optional.empty();
            }
        }
        return Optional.of(serve);
    }

    private static Map<String, Field> options() {
        Map<String, Field> options = new HashMap<>();
        for (Field field : Main.Serve.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null) {
                for (String name : option.names()) {
                    options.put(name, field);
                }
            }
        }
        return options;
    }

    /** A value picocli would take as it is: not empty, not an option, not an argument file. */
    private static boolean plain(String value) {
        return !value.isEmpty() && !value.startsWith("-") && !value.startsWith("@");
    }

    private static boolean set(Main.Serve serve, Field field, String value) {
        try {
            Class<?> type = field.getType();
            if (type == String.class) {
                field.set(serve, value);
            } else if (type == int.class) {
                field.setInt(serve, Integer.valueOf(value));
            } else if (type == long.class) {
                field.setLong(serve, Long.valueOf(value));
            } else if (type == Path.class) {
                field.set(serve, Path.of(value));
            } else {
                return false;
            }
            return true;
        } catch (NumberFormatException | InvalidPathException e) {
            return false;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For tests: the options' fields, to compare with what picocli sets. */
    static Set<Field> fields() {
        return new HashSet<>(options().values());
    }
}
