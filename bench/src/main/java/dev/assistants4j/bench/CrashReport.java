package dev.assistants4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The crash bench's Markdown report. Stateless. */
final class CrashReport {

    private static final int EVIDENCE_LINES = 20;

    private CrashReport() {}

    /** Everything the report says. */
    record Outcome(
            CrashBench.Options options,
            Ledger ledger,
            CrashChecks.Findings findings,
            int kills,
            Samples restarts,
            long firstStartNanos,
            Durations durations,
            int settleSubmits,
            String fileSystem,
            LogCounts log) {}

    /** Wall-clock seconds of the whole bench and of its phases. */
    record Durations(double total, double load, double settle, double checks) {}

    /**
     * The server log's lines at ERROR and WARN level, over all starts, without the warning every start logs because
     * the bench's server has no master key; the first few of them as evidence.
     */
    record LogCounts(long errors, long warnings, List<String> firstLines) {

        private static final Pattern LEVEL = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (ERROR|WARN) ");
        private static final String NO_MASTER_KEY = "No master key configured";

        static LogCounts of(Path log) {
            try (Stream<String> lines = Files.lines(log)) {
                List<String> found = lines.filter(line -> LEVEL.matcher(line).find())
                        .filter(line -> !line.contains(NO_MASTER_KEY))
                        .toList();
                long errors =
                        found.stream().filter(line -> line.contains(" ERROR ")).count();
                return new LogCounts(
                        errors,
                        found.size() - errors,
                        found.stream().limit(EVIDENCE_LINES).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String markdown(Outcome outcome) {
        StringBuilder out = new StringBuilder();
        setup(out, outcome);
        checks(out, outcome.findings());
        load(out, outcome);
        statuses(out, outcome.findings().runsByStatus());
        restarts(out, outcome);
        evidence(
                out,
                outcome.findings().evidence(),
                outcome.ledger().unexpected(),
                outcome.log().firstLines());
        return out.toString();
    }

    private static void setup(StringBuilder out, Outcome outcome) {
        CrashBench.Options options = outcome.options();
        out.append(String.format(
                Locale.ROOT,
                "%d workers ran %d conversations (a thread, a user message, a run of an assistant with the function"
                        + " `get_weather`, the output `out-<run id>` submitted when it requires action, polled until"
                        + " terminal) against `assistants4j serve` in its own JVM, data dir on %s. Model: a"
                        + " FakeUpstream in the bench JVM (a `get_weather` call, then `Done: <tool output>`; 0–50 ms"
                        + " before the first token). Killer: SIGKILL of the server (and its descendants) %.1f–%.1f s"
                        + " after it is ready, then a restart on the same data dir and port, up to %d times; then the"
                        + " settle phase, one more kill and restart, and the checks through the API.%n%n",
                options.workers(),
                options.runs(),
                outcome.fileSystem(),
                Killer.MIN_PAUSE_MILLIS / 1000.0,
                Killer.MAX_PAUSE_MILLIS / 1000.0,
                options.kills()));
    }

    private static void checks(StringBuilder out, CrashChecks.Findings findings) {
        out.append("| check | found |\n|---|---:|\n");
        out.append(row("acknowledged writes lost (threads, messages, runs, submitted outputs)", findings.lostWrites()));
        out.append(row("runs completed without their submitted outputs", findings.completedWithoutOutputs()));
        out.append(row("messages left `in_progress`", findings.inProgressMessages()));
        out.append(row("runs left non-terminal after the settle phase", findings.nonTerminalRuns()));
        out.append(row("run steps left `in_progress` in terminal runs", findings.inProgressSteps()));
        out.append(findings.passed() ? "\n**All checks passed.**\n\n" : "\n**A check failed** (evidence below).\n\n");
    }

    private static void load(StringBuilder out, Outcome outcome) {
        Ledger ledger = outcome.ledger();
        Durations time = outcome.durations();
        int unanswered = ledger.unanswered().values().stream()
                .mapToInt(Integer::intValue)
                .sum();
        out.append("| load | count |\n|---|---:|\n");
        out.append(row("conversations", outcome.options().runs()));
        out.append(String.format(
                Locale.ROOT, "| kills (SIGKILL): during the load + before the checks | %d + 1 |%n", outcome.kills()));
        out.append(String.format(
                Locale.ROOT,
                "| acknowledged (2xx): threads / messages / runs / submits | %d / %d / %d / %d |%n",
                ledger.threads().size(),
                ledger.messages().size(),
                ledger.acknowledgedRunCount(),
                ledger.submits().size()));
        out.append(String.format(
                Locale.ROOT,
                "| requests a kill left without an answer (%s) | %d |%n",
                ledger.unanswered().entrySet().stream()
                        .map(entry -> entry.getKey() + " " + entry.getValue())
                        .collect(Collectors.joining(", ")),
                unanswered));
        out.append(row(
                "messages and runs found on their thread after their create's answer was lost",
                ledger.foundAfterLoss()));
        out.append(row("submits made in the settle phase", outcome.settleSubmits()));
        out.append(row("unexpected answers (listed below)", ledger.unexpected().size()));
        out.append(String.format(
                Locale.ROOT,
                "| duration: total (load / settle / last restart and checks) | %.1f s (%.1f / %.1f / %.1f s) |%n",
                time.total(),
                time.load(),
                time.settle(),
                time.checks()));
        out.append(String.format(
                Locale.ROOT,
                "| server log: ERROR / WARN lines (besides the no-master-key warning of each start) | %d / %d |%n%n",
                outcome.log().errors(),
                outcome.log().warnings()));
    }

    private static void statuses(StringBuilder out, Map<String, Integer> runsByStatus) {
        out.append("| runs by final status | runs |\n|---|---:|\n");
        runsByStatus.forEach((status, count) -> out.append(row(status, count)));
        out.append(String.format(
                Locale.ROOT,
                "%nFailed runs are the expected fate of runs that a kill cut in the middle of a model call: the stream"
                        + " is gone, so the next start fails them (`%s`), ending their open steps and messages in the"
                        + " same commit. Runs a kill found queued are resumed and runs waiting for tool outputs keep"
                        + " waiting, so those can still complete.%n%n",
                CrashChecks.RESTARTED.substring("failed: ".length())));
    }

    private static void restarts(StringBuilder out, Outcome outcome) {
        out.append(
                "| restart-to-ready (process start to `GET /health/readiness` 200) | restarts | p50 | p95 | max |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        if (outcome.restarts().count() > 0) {
            out.append(outcome.restarts().row("restart on the same data dir"));
        }
        out.append(String.format(
                Locale.ROOT, "%nFirst start (empty data dir): %.0f ms.%n", outcome.firstStartNanos() / 1e6));
    }

    private static void evidence(
            StringBuilder out, List<String> evidence, List<String> unexpected, List<String> logLines) {
        if (evidence.isEmpty() && unexpected.isEmpty() && logLines.isEmpty()) {
            return;
        }
        out.append("\nEvidence (first ").append(EVIDENCE_LINES).append(" lines of each kind; all on stderr):\n\n");
        Stream.of(
                        evidence.stream().limit(EVIDENCE_LINES),
                        unexpected.stream().limit(EVIDENCE_LINES).map(line -> "unexpected answer: " + line),
                        logLines.stream().map(line -> "server log: " + line))
                .flatMap(lines -> lines)
                .forEach(line ->
                        out.append("- `").append(line.replace('`', '\'')).append("`\n"));
        evidence.forEach(line -> System.err.println("crash bench: evidence: " + line));
    }

    private static String row(String name, long count) {
        return "| " + name + " | " + count + " |\n";
    }
}
