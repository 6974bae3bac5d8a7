package dev.assistants4j.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What code_interpreter needs installed on the host (bubblewrap, and Debian's Python 3 with numpy, pandas and
 * matplotlib), and the one command that installs it: the same words as the {@code assistants4j} launcher script's.
 * Stateless.
 */
public final class Prerequisites {

    /** The Debian packages, in the order the command names them. */
    public static final List<String> PACKAGES =
            List.of("bubblewrap", "python3", "python3-numpy", "python3-pandas", "python3-matplotlib");

    private static final String MODULES = "numpy, pandas, matplotlib";

    private Prerequisites() {}

    /** {@code apt-get install -y --no-install-recommends bubblewrap python3 ...}, with {@code sudo} when not root. */
    public static String installCommand() {
        return (Host.root() ? "" : "sudo ") + "apt-get install -y --no-install-recommends "
                + String.join(" ", PACKAGES);
    }

    /**
     * What is missing of {@code options}' bubblewrap and Python, from the files alone (cheap): e.g.
     * {@code "/usr/bin/bwrap"}; empty when both are there.
     */
    public static List<String> missingFiles(SandboxOptions options) {
        List<String> missing = new ArrayList<>();
        for (Path file : List.of(options.bwrap(), options.python())) {
            if (!Files.isExecutable(file)) missing.add(file.toString());
        }
        return missing;
    }

    /**
     * Whether {@code python} imports numpy, pandas and matplotlib: empty when it does, else what failed. Runs Python
     * (about a second): call it off the request path, on a platform thread.
     */
    public static Optional<String> missingModules(Path python) {
        try {
            Process process = new ProcessBuilder(python.toString(), "-c", "import " + MODULES)
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of(python + " did not import " + MODULES + " within 60 s");
            }
            if (process.exitValue() == 0) return Optional.empty();
            String text = new String(output, StandardCharsets.UTF_8).strip();
            return Optional.of(text.lines().reduce((first, second) -> second).orElse("exit " + process.exitValue()));
        } catch (IOException e) {
            return Optional.of(python + " does not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The one line to log when something is missing: what, and the command that installs it. */
    public static String warning(String missing) {
        return "code_interpreter cannot run code on this host: " + missing + ". Install its prerequisites with: "
                + installCommand();
    }
}
