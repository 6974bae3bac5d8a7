package dev.assistants4j.server;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The start's short way through {@code serve}'s arguments, without picocli.
 *
 * <p>Why: picocli's classes are Java 5 class files, which the JDK's AOT cache does not hold, and building its model of
 * every command took about 13 % of the start's main thread (bench/start.sh); reading the options' annotations
 * reflectively instead still cost 10 % (annotation proxies). What: a {@link Main.Serve} comes back only when every
 * argument is one of its options, once, with a plain value that converts as picocli converts it ({@code
 * Integer.valueOf}, {@code Long.valueOf}, {@code Path.of}), and options not given take the defaults picocli's
 * annotations name ({@code Serve.DEFAULT_*}). Anything else (help, version, an unknown or repeated option, a missing
 * or odd value, an {@code @file}) answers empty, and picocli parses the line and answers as always, its errors and
 * help included. {@code ServeArgumentsTest} holds the two to the same fields.
 */
final class ServeArguments {

    /** {@code Serve}'s options; a test checks it against the annotations. */
    static final Set<String> NAMES =
            Set.of("--host", "--port", "--config", "--data-dir", "--database-url", "--max-request-bytes");

    private ServeArguments() {}

    /** {@code args} are those after {@code serve}. */
    static Optional<Main.Serve> parse(String[] args) {
        Map<String, String> values = new HashMap<>();
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
            if (!NAMES.contains(name) || !plain(value) || values.put(name, value) != null) {
                return Optional.empty();
            }
        }
        Main.Serve serve = new Main.Serve();
        try {
            serve.host = values.get("--host");
            serve.port = Integer.valueOf(values.getOrDefault("--port", Main.Serve.DEFAULT_PORT));
            serve.config = values.containsKey("--config") ? Path.of(values.get("--config")) : null;
            serve.dataDir = Path.of(values.getOrDefault("--data-dir", Main.Serve.DEFAULT_DATA_DIR));
            serve.databaseUrl = values.get("--database-url");
            serve.maxRequestBytes =
                    Long.valueOf(values.getOrDefault("--max-request-bytes", Main.Serve.DEFAULT_MAX_REQUEST_BYTES));
        } catch (NumberFormatException | InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.of(serve);
    }

    /** A value picocli would take as it is: not empty, not an option, not an argument file. */
    private static boolean plain(String value) {
        return !value.isEmpty() && !value.startsWith("-") && !value.startsWith("@");
    }
}
