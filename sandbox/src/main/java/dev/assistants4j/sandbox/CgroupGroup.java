package dev.assistants4j.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The cgroup(s) of one sandbox (one directory, or one per v1 hierarchy), and how sandboxes' cgroups are named: each
 * server process keeps them in a directory {@code a4j-<pid>} under its own cgroup, one {@code s-<n>} each, so that
 * the next process can tell and remove what a dead one left. Thread-safe.
 *
 * @param dirs the directories the sandbox joins
 * @param memory the one holding its memory controller
 * @param peakFile the file of {@code memory} that tells its peak memory use
 */
record CgroupGroup(List<CgroupDir> dirs, CgroupDir memory, String peakFile) implements SessionLimits.Group {

    static final Duration REMOVE_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern PARENT = Pattern.compile("a4j-(\\d+)");
    private static final AtomicLong NEXT = new AtomicLong();

    /** The directory under its own cgroup where the server process {@code pid} keeps its sandboxes' groups. */
    static String parentName(long pid) {
        return "a4j-" + pid;
    }

    /** A name for a new sandbox's group, unique in this process. */
    static String nextName() {
        return "s-" + NEXT.incrementAndGet();
    }

    /**
     * Kills the processes and removes the groups that server processes no longer running left under {@code base}
     * (they stopped without closing their sessions).
     */
    static void removeStale(CgroupDir base, long self) {
        try (Stream<Path> children = Files.list(base.path())) {
            for (Path child : children.toList()) {
                Matcher matcher = PARENT.matcher(child.getFileName().toString());
                if (!matcher.matches() || !Files.isDirectory(child)) continue;
                long pid = Long.parseLong(matcher.group(1));
                if (pid == self || ProcessHandle.of(pid).isPresent()) continue;
                removeTree(new CgroupDir(child));
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(CgroupGroup.class).warn("could not list {}: {}", base.path(), e.toString());
        }
    }

    private static void removeTree(CgroupDir dir) throws IOException {
        try (Stream<Path> children = Files.list(dir.path())) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                new CgroupDir(child).remove(REMOVE_TIMEOUT);
            }
        }
        dir.remove(REMOVE_TIMEOUT);
    }

    @Override
    public List<Path> joinFiles() {
        return dirs.stream().map(d -> d.path().resolve("cgroup.procs")).toList();
    }

    @Override
    public OptionalLong peakMemoryBytes() {
        try {
            return memory.has(peakFile) ? OptionalLong.of(Long.parseLong(memory.read(peakFile))) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        for (CgroupDir dir : dirs) {
            if (!dir.remove(REMOVE_TIMEOUT)) {
                LoggerFactory.getLogger(CgroupGroup.class).warn("could not remove the cgroup {}", dir.path());
            }
        }
    }
}
