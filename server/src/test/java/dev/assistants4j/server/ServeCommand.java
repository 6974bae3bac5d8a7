package dev.assistants4j.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * {@code assistants4j serve} run in this JVM, for a start that fails before the server listens: its exit status and
 * what it wrote to stderr. Swaps {@link System#err} while it runs, so not for concurrent use.
 */
final class ServeCommand {

    /** How a {@code serve} ended. */
    record Outcome(int exitCode, String stderr) {}

    private ServeCommand() {}

    /** {@code serve --port 0 --data-dir dataDir} with {@code args}. */
    static Outcome run(Path dataDir, String... args) {
        String[] command = new String[args.length + 5];
        command[0] = "serve";
        command[1] = "--port";
        command[2] = "0";
        command[3] = "--data-dir";
        command[4] = dataDir.toString();
        System.arraycopy(args, 0, command, 5, args.length);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new Main()).execute(command);
            return new Outcome(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
