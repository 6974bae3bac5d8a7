package dev.assistants4j.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The memory a process takes on the host, read from {@code /proc}. Stateless. */
final class ProcessMemory {

    private static final long PAGE_BYTES = 4096;

    private ProcessMemory() {}

    /**
     * The process's proportional set size (its own pages, plus its share of those it shares with others, so that
     * summing it over forked processes counts each page once), or its resident size where the kernel does not tell
     * that; 0 when it is gone or cannot be read.
     */
    static long bytes(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            for (String line : Files.readAllLines(proc.resolve("smaps_rollup"))) {
                if (line.startsWith("Pss:")) return kilobytes(line) << 10;
            }
        } catch (IOException | RuntimeException e) {
            // an older kernel, or gone: try the resident size
        }
        try {
            List<String> fields =
                    List.of(Files.readString(proc.resolve("statm")).strip().split(" "));
            return Long.parseLong(fields.get(1)) * PAGE_BYTES;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The sum of {@link #bytes} over {@code process} and its descendants. */
    static long treeBytes(ProcessHandle process) {
        return bytes(process.pid())
                + process.descendants().mapToLong(p -> bytes(p.pid())).sum();
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
