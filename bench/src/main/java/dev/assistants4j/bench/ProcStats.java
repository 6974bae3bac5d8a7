package dev.assistants4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What Linux's {@code /proc} says about a process and the machine: resident memory (now and its high-water mark) and
 * the CPU time a process and the whole machine have used. Stateless and thread-safe.
 */
final class ProcStats {

    /** Clock ticks per second of {@code /proc}'s CPU times (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    private ProcStats() {}

    /** The process's resident set, in KiB ({@code VmRSS}); 0 once it is gone. */
    static long rssKib(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** The process's largest resident set so far, in KiB ({@code VmHWM}); 0 once it is gone. */
    static long peakRssKib(long pid) {
        return statusField(pid, "VmHWM:");
    }

    /** The process's CPU time, user and system, in milliseconds: {@code [user, system]}. */
    static long[] cpuMillis(long pid) {
        String stat = read(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: state is field 3, utime field 14 and stime field 15 (1-based, as in proc(5))
        return new long[] {ticksToMillis(Long.parseLong(fields[11])), ticksToMillis(Long.parseLong(fields[12]))};
    }

    /** The machine's CPU time in milliseconds: {@code [busy, total]} summed over every CPU. */
    static long[] machineMillis() {
        String[] fields = read(Path.of("/proc/stat"))
                .lines()
                .findFirst()
                .orElseThrow()
                .trim()
                .split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new long[] {ticksToMillis(total - idle), ticksToMillis(total)};
    }

    private static long statusField(long pid, String name) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
            return lines.stream()
                    .filter(line -> line.startsWith(name))
                    .map(line -> Long.parseLong(
                            line.substring(name.length()).replace("kB", "").trim()))
                    .findFirst()
                    .orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long ticksToMillis(long ticks) {
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
