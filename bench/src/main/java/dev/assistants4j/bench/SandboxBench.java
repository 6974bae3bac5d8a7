package dev.assistants4j.bench;

import dev.assistants4j.core.code.CodeExecution;
import dev.assistants4j.core.code.CodeInterpreterSettings;
import dev.assistants4j.core.code.SessionKey;
import dev.assistants4j.sandbox.BubblewrapSandbox;
import dev.assistants4j.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Start latency of a new code interpreter session (bubblewrap), with and without a pre-started (warm) interpreter,
 * and the time of two typical executions in a session.
 *
 * <p>A start is timed from the call of {@code execute} with a new session key to its result, for the code {@code 1}:
 * everything a new thread's first code_interpreter call waits for. Cold: no warm interpreter, so bubblewrap and Python
 * start on the call. Warm: the default options (one interpreter kept ready, numpy, pandas and matplotlib.pyplot
 * imported); before each start the bench waits until the pool is refilled, so every start finds one ready. Each
 * session is closed after its start. Then, in one warm session: {@code print(sum(range(10)))} and a numpy +
 * matplotlib plot shown as an image, each repeated.
 *
 * <p>Options: {@code --starts N} (per mode, default 50), {@code --executions N} (per execution kind, default 20).
 * Prints a Markdown report to standard output. Run by {@code bench/sandbox.sh}.
 */
public final class SandboxBench {

    static final double TARGET_P95_MS = 500;
    static final String PLOT = "import numpy as np\nimport matplotlib.pyplot as plt\n"
            + "x = np.linspace(0, 10, 500)\nplt.plot(x, np.sin(x))\nplt.title('sin')\nplt.show()";

    private SandboxBench() {}

    public static void main(String[] args) {
        int starts = BenchArgs.intOption(args, "--starts", 50);
        int executions = BenchArgs.intOption(args, "--executions", 20);
        CodeInterpreterSettings settings = CodeInterpreterSettings.DEFAULTS;
        Samples cold = new Samples();
        Samples warm = new Samples();
        Samples print = new Samples();
        Samples plot = new Samples();
        String isolation;
        progress("cold starts: %d", starts);
        try (BubblewrapSandbox sandbox =
                BubblewrapSandbox.create(settings, SandboxOptions.DEFAULTS.withWarmSessions(0))) {
            isolation = sandbox.isolation();
            for (int i = 0; i < starts; i++) cold.add(start(sandbox, null));
        }
        progress("warm starts: %d", starts);
        try (BubblewrapSandbox sandbox = BubblewrapSandbox.create(settings, SandboxOptions.DEFAULTS)) {
            for (int i = 0; i < starts; i++) warm.add(start(sandbox, sandbox));
            progress("executions: %d each", executions);
            sandbox.awaitWarm(Duration.ofMinutes(1));
            SessionKey session = newKey();
            for (int i = 0; i < executions; i++) print.add(timed(sandbox, session, "print(sum(range(10)))"));
            for (int i = 0; i < executions; i++) plot.add(timed(sandbox, session, PLOT));
        }
        System.out.print(report(isolation, starts, executions, cold, warm, print, plot));
    }

    private static long start(BubblewrapSandbox sandbox, BubblewrapSandbox awaitWarm) {
        if (awaitWarm != null && !awaitWarm.awaitWarm(Duration.ofMinutes(1))) {
            throw new IllegalStateException("no warm interpreter within a minute");
        }
        SessionKey key = newKey();
        long nanos = timed(sandbox, key, "1");
        sandbox.closeSession(key);
        return nanos;
    }

    private static long timed(BubblewrapSandbox sandbox, SessionKey key, String code) {
        long start = System.nanoTime();
        CodeExecution result = sandbox.execute(key, code, List.of());
        long nanos = System.nanoTime() - start;
        if (result.failed())
            throw new IllegalStateException(
                    "execution failed: " + result.error().orElse(""));
        return nanos;
    }

    private static SessionKey newKey() {
        return new SessionKey("proj_bench", "thread_" + UUID.randomUUID());
    }

    private static String report(
            String isolation, int starts, int executions, Samples cold, Samples warm, Samples print, Samples plot) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Isolation: %s; Python: /usr/bin/python3; %d starts per mode, %d executions per kind.%n%n",
                isolation,
                starts,
                executions));
        out.append("| measured | samples | p50 | p95 | max |\n|---|---:|---:|---:|---:|\n");
        out.append(cold.row("new session, cold (bwrap + Python start, then `1`)"));
        out.append(warm.row("**new session, warm** (pre-started interpreter, then `1`)"));
        out.append(print.row("`print(sum(range(10)))` in a session"));
        out.append(plot.row("numpy + matplotlib plot shown as a PNG image"));
        double p95 = warm.percentileMillis(95);
        out.append(String.format(
                Locale.ROOT,
                "%nTarget: new-session start p95 <= %.0f ms (with the warm pool): **%s** (%.1f ms; cold %.1f ms).%n",
                TARGET_P95_MS,
                p95 <= TARGET_P95_MS ? "met" : "missed",
                p95,
                cold.percentileMillis(95)));
        return out.toString();
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "sandbox-bench: " + format + "%n", args);
    }
}
