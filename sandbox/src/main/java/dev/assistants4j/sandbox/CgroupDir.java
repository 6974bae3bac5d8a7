package dev.assistants4j.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One cgroup directory (v1 or v2): its control files read and written as text, its processes killed, the directory
 * made and removed. The kernel makes the control files of a new directory and lets it be removed with them (a
 * directory of plain files, as in tests, keeps them). Stateless: thread-safe.
 *
 * @param path the directory, e.g. {@code /sys/fs/cgroup/memory/a4j-123/s-1}
 */
record CgroupDir(Path path) {

    /** Whether {@code name} is a control file here (for files a kernel may not have, like {@code memory.peak}). */
    boolean has(String name) {
        return Files.exists(path.resolve(name));
    }

    /** Whether this process may move processes into the group and give controllers to its children. */
    boolean writable() {
        return Files.isWritable(path.resolve("cgroup.procs"))
                && Files.isWritable(path.resolve("cgroup.subtree_control"));
    }

    String read(String name) throws IOException {
        return Files.readString(path.resolve(name), StandardCharsets.UTF_8).strip();
    }

    /** Writes {@code value} to the control file {@code name} (one write, as {@code echo value > name}). */
    void write(String name, String value) throws IOException {
        Files.writeString(path.resolve(name), value, StandardCharsets.UTF_8);
    }

    /** The words of a control file such as {@code cgroup.controllers}, without the {@code +} of written ones. */
    Set<String> words(String name) throws IOException {
        return Arrays.stream(read(name).split("\\s+"))
                .map(w -> w.startsWith("+") ? w.substring(1) : w)
                .filter(w -> !w.isEmpty())
                .collect(Collectors.toSet());
    }

    /** The process ids in {@code cgroup.procs}. */
    List<Long> processes() throws IOException {
        return read("cgroup.procs")
                .lines()
                .filter(l -> !l.isBlank())
                .map(Long::parseLong)
                .toList();
    }

    CgroupDir child(String name) {
        return new CgroupDir(path.resolve(name));
    }

    /** Makes the directory (and its parents) unless it exists. */
    CgroupDir create() throws IOException {
        Files.createDirectories(path);
        return this;
    }

    /**
     * Kills every process in the group (including those forked meanwhile) and removes the directory; best effort,
     * within {@code timeout}.
     *
     * @return whether it is gone
     */
    boolean remove(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                killAll();
                Files.deleteIfExists(path);
                return true;
            } catch (NoSuchFileException e) {
                return true;
            } catch (DirectoryNotEmptyException e) {
                return false; // not a kernel cgroup directory (or it has children)
            } catch (IOException | RuntimeException e) {
                if (System.nanoTime() - deadline > 0) return false;
                pause(); // processes still exiting: EBUSY
            }
        }
    }

    /** Removes the directory if it is empty of groups and processes; quietly leaves it otherwise. */
    void removeIfUnused() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // still in use (another code interpreter of this process has groups in it)
        }
    }

    /** Sends SIGKILL to the processes in the group (in v2, through {@code cgroup.kill} where the kernel has it). */
    void killAll() throws IOException {
        if (Files.isDirectory(path) && has("cgroup.kill")) {
            write("cgroup.kill", "1");
            return;
        }
        for (long pid : Files.isDirectory(path) ? processes() : List.<Long>of()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Waits a moment, even when interrupted (a killed session's group must still go); keeps the interrupt. */
    private static void pause() {
        boolean interrupted = Thread.interrupted();
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
