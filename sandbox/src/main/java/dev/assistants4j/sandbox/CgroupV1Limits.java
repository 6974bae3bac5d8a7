package dev.assistants4j.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Session caps through cgroup v1 (hosts with separate hierarchies per controller, written by root): each sandbox
 * gets a group in the memory hierarchy ({@code memory.limit_in_bytes}, and {@code memory.memsw.limit_in_bytes} where
 * swap is accounted, so it cannot swap past the cap), in the pids hierarchy ({@code pids.max}) and in the cpu
 * hierarchy (a CFS quota), each nested under this server's own group of that hierarchy. Thread-safe.
 */
final class CgroupV1Limits implements SessionLimits {

    static final long CPU_PERIOD_MICROS = 100_000;

    private final CgroupDir memory;
    private final CgroupDir pids;
    private final CgroupDir cpu;
    private final Caps caps;

    private CgroupV1Limits(CgroupDir memory, CgroupDir pids, CgroupDir cpu, Caps caps) {
        this.memory = memory;
        this.pids = pids;
        this.cpu = cpu;
        this.caps = caps;
    }

    /**
     * Makes this process's directory in each hierarchy (removing what dead processes left there) and proves that a
     * sandbox group can be made.
     *
     * @throws IOException when a hierarchy is missing or cannot be written
     */
    static CgroupV1Limits setUp(CgroupHost host, Caps caps, long self) throws IOException {
        CgroupV1Limits limits = new CgroupV1Limits(
                parent(host, "memory", self), parent(host, "pids", self), parent(host, "cpu", self), caps);
        limits.open().close();
        return limits;
    }

    private static CgroupDir parent(CgroupHost host, String controller, long self) throws IOException {
        CgroupDir own = new CgroupDir(
                host.v1(controller).orElseThrow(() -> new IOException("no " + controller + " hierarchy mounted")));
        CgroupGroup.removeStale(own, self);
        return own.child(CgroupGroup.parentName(self)).create();
    }

    @Override
    public Group open() throws IOException {
        String name = CgroupGroup.nextName();
        List<CgroupDir> made = new ArrayList<>();
        // (the parents are made again if another code interpreter of this process removed them on closing)
        try {
            CgroupDir mem = made(made, memory.child(name));
            mem.write("memory.limit_in_bytes", Long.toString(caps.memoryBytes()));
            if (mem.has("memory.memsw.limit_in_bytes")) {
                mem.write("memory.memsw.limit_in_bytes", Long.toString(caps.memoryBytes()));
            }
            made(made, pids.child(name)).write("pids.max", Integer.toString(caps.processes()));
            CgroupDir time = made(made, cpu.child(name));
            time.write("cpu.cfs_period_us", Long.toString(CPU_PERIOD_MICROS));
            time.write("cpu.cfs_quota_us", Long.toString(CPU_PERIOD_MICROS * caps.cpus()));
            return new CgroupGroup(made, mem, "memory.max_usage_in_bytes");
        } catch (IOException | RuntimeException e) {
            made.forEach(dir -> dir.remove(CgroupGroup.REMOVE_TIMEOUT));
            throw e;
        }
    }

    private static CgroupDir made(List<CgroupDir> made, CgroupDir dir) throws IOException {
        dir.create();
        made.add(dir);
        return dir;
    }

    @Override
    public String describe() {
        return "cgroup v1 memory+pids+cpu: " + caps.describe();
    }

    /** Removes this process's directories unless another code interpreter of this process still has groups there. */
    @Override
    public void close() {
        for (CgroupDir dir : List.of(memory, pids, cpu)) dir.removeIfUnused();
    }
}
