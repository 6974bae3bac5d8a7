package dev.assistants4j.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of another JVM, as its GC log ({@code -Xlog:gc,gc+phases:file=…}) and {@code jcmd GC.heap_info} show it:
 * the largest heap used before a collection, the largest committed heap, and the longest pause or allocation stall,
 * each since a mark ({@link #mark}). Works for G1, Parallel, Serial and ZGC logs. Not thread-safe.
 */
final class JvmHeap {

    private static final Pattern TRANSITION = Pattern.compile("(\\d+)M(?:\\(\\d+%\\))?->(\\d+)M(?:\\((\\d+)M\\))?");
    private static final Pattern PAUSE = Pattern.compile("(?:Pause|Allocation Stall).*?(\\d+(?:\\.\\d+)?)ms\\s*$");
    private static final Pattern COMMITTED = Pattern.compile("(?:committed|total|capacity) (\\d+)([KM])");

    private final long pid;
    private final Path gcLog;
    private long offset;

    /** Largest heap used before a collection since the mark, MiB. */
    long usedMib;
    /** Largest committed heap since the mark (from the log or jcmd), MiB. */
    long committedMib;
    /** Longest pause (or allocation stall) since the mark, ms. */
    double maxPauseMs;
    /** Pauses and stalls since the mark. */
    int pauses;
    /** Their total, ms. */
    double pauseMs;

    JvmHeap(long pid, Path gcLog) {
        this.pid = pid;
        this.gcLog = gcLog;
    }

    /** Forgets what was read so far: the figures start again from the log's current end. */
    void mark() throws IOException {
        scan();
        usedMib = 0;
        committedMib = 0;
        maxPauseMs = 0;
        pauses = 0;
        pauseMs = 0;
    }

    /** Reads the log written since the last call, then asks jcmd for the committed heap. */
    void update() throws IOException, InterruptedException {
        scan();
        committedMib = Math.max(committedMib, jcmdCommittedMib());
    }

    private void scan() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(gcLog.toFile(), "r")) {
            if (file.length() <= offset) {
                return;
            }
            byte[] bytes = new byte[(int) (file.length() - offset)];
            file.seek(offset);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n') + 1;
            offset += text.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
            text.substring(0, end).lines().forEach(this::line);
        }
    }

    private void line(String line) {
        Matcher transition = TRANSITION.matcher(line);
        if (transition.find()) {
            usedMib = Math.max(usedMib, Long.parseLong(transition.group(1)));
            if (transition.group(3) != null) {
                committedMib = Math.max(committedMib, Long.parseLong(transition.group(3)));
            }
        }
        Matcher pause = PAUSE.matcher(line);
        if (pause.find()) {
            double ms = Double.parseDouble(pause.group(1));
            maxPauseMs = Math.max(maxPauseMs, ms);
            pauseMs += ms;
            pauses++;
        }
    }

    private long jcmdCommittedMib() throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(pid), "GC.heap_info")
                .redirectErrorStream(true)
                .start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            return 0;
        }
        Matcher committed = COMMITTED.matcher(out);
        if (!committed.find()) {
            return 0;
        }
        long value = Long.parseLong(committed.group(1));
        return committed.group(2).equals("K") ? value / 1024 : value;
    }
}
