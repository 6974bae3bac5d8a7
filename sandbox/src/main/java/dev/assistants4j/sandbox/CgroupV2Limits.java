package dev.assistants4j.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Session caps through cgroup v2: each sandbox gets a group {@code <own>/a4j-<pid>/s-<n>} with {@code memory.max}
 * (and {@code memory.swap.max} 0, so it cannot swap past the cap), {@code pids.max} and {@code cpu.max}. The server's
 * own group must offer the memory, pids and cpu controllers and be writable by it (root, or a delegated group such
 * as systemd's {@code Delegate=yes}); since a v2 group with processes cannot give controllers to children, the server
 * first moves itself (with any processes it started) into a leaf {@code <own>/a4j-server}, and only when nothing
 * else runs in its group. Thread-safe.
 */
final class CgroupV2Limits implements SessionLimits {

    static final String LEAF = "a4j-server";
    private static final Set<String> CONTROLLERS = Set.of("memory", "pids", "cpu");
    private static final String ENABLE = "+memory +pids +cpu";

    private final CgroupDir parent;
    private final Caps caps;

    private CgroupV2Limits(CgroupDir parent, Caps caps) {
        this.parent = parent;
        this.caps = caps;
    }

    /**
     * Prepares the server's group {@code own} for sandbox groups (see the class) and proves one can be made.
     *
     * @param self this process's pid
     * @throws IOException when the controllers are not offered, something else runs in the group, or it cannot be
     *     written; nothing was moved then
     */
    static CgroupV2Limits setUp(Path own, Caps caps, long self) throws IOException {
        CgroupDir base = new CgroupDir(
                own.getFileName() != null && own.getFileName().toString().equals(LEAF) ? own.getParent() : own);
        if (!base.words("cgroup.controllers").containsAll(CONTROLLERS)) {
            throw new IOException("the controllers memory, pids and cpu are not all available in " + base.path()
                    + " (available: " + base.read("cgroup.controllers") + ")");
        }
        if (!base.words("cgroup.subtree_control").containsAll(CONTROLLERS)) {
            moveOwnProcessesToLeaf(base, self);
            base.write("cgroup.subtree_control", ENABLE);
        }
        CgroupGroup.removeStale(base, self);
        CgroupV2Limits limits = new CgroupV2Limits(base.child(CgroupGroup.parentName(self)), caps);
        limits.open().close();
        return limits;
    }

    /** Moves the processes of {@code base} into its leaf, when they are this process and its children only. */
    private static void moveOwnProcessesToLeaf(CgroupDir base, long self) throws IOException {
        List<Long> processes = base.processes();
        Set<Long> ours =
                ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        ours.add(self);
        if (!ours.containsAll(processes)) {
            throw new IOException("other processes than this server run in " + base.path()
                    + "; give the server a cgroup of its own (e.g. systemd Delegate=yes)");
        }
        if (!base.writable()) throw new IOException(base.path() + " is not writable by this server");
        CgroupDir leaf = base.child(LEAF).create();
        for (long pid : processes) {
            if (pid != self) leaf.write("cgroup.procs", Long.toString(pid));
        }
        if (processes.contains(self)) leaf.write("cgroup.procs", Long.toString(self));
    }

    @Override
    public Group open() throws IOException {
        // (made again if another code interpreter of this process removed it on closing)
        parent.create().write("cgroup.subtree_control", ENABLE);
        CgroupDir group = parent.child(CgroupGroup.nextName()).create();
        try {
            group.write("memory.max", Long.toString(caps.memoryBytes()));
            if (group.has("memory.swap.max")) group.write("memory.swap.max", "0");
            group.write("pids.max", Integer.toString(caps.processes()));
            long period = CgroupV1Limits.CPU_PERIOD_MICROS;
            group.write("cpu.max", (period * caps.cpus()) + " " + period);
            return new CgroupGroup(List.of(group), group, "memory.peak");
        } catch (IOException | RuntimeException e) {
            group.remove(CgroupGroup.REMOVE_TIMEOUT);
            throw e;
        }
    }

    @Override
    public String describe() {
        return "cgroup v2 memory+pids+cpu: " + caps.describe();
    }

    /** Removes this process's directory unless another code interpreter of this process still has groups there. */
    @Override
    public void close() {
        parent.removeIfUnused();
    }
}
