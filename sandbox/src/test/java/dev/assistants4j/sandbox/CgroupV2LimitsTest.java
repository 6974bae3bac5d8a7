package dev.assistants4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup v2 path against a directory tree of plain files shaped like one (this host has no v2 controllers): what
 * is written where, when it refuses, and that a group's processes are killed. A real kernel also makes the control
 * files of new directories and removes them with their directory; plain files only record what was written.
 */
class CgroupV2LimitsTest {

    static final SessionLimits.Caps CAPS = new SessionLimits.Caps(1L << 30, 64, 1);
    static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path own;

    void fakeGroup(Path dir, String controllers, String subtree, long... processes) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cgroup.controllers"), controllers + "\n");
        Files.writeString(dir.resolve("cgroup.subtree_control"), subtree + "\n");
        StringBuilder procs = new StringBuilder();
        for (long pid : processes) procs.append(pid).append('\n');
        Files.writeString(dir.resolve("cgroup.procs"), procs);
    }

    static String read(Path file) throws IOException {
        return Files.readString(file).strip();
    }

    @Test
    void the_server_moves_to_a_leaf_and_each_sandbox_gets_a_capped_group() throws IOException {
        fakeGroup(own, "cpuset cpu io memory hugetlb pids rdma misc", "", SELF);

        SessionLimits limits = CgroupV2Limits.setUp(own, CAPS, SELF);
        SessionLimits.Group group = limits.open();

        assertThat(read(own.resolve("a4j-server/cgroup.procs"))).isEqualTo("" + SELF);
        assertThat(read(own.resolve("cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu");
        Path parent = own.resolve("a4j-" + SELF);
        assertThat(read(parent.resolve("cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu");
        Path dir = group.joinFiles().getFirst().getParent();
        assertThat(group.joinFiles()).containsExactly(dir.resolve("cgroup.procs"));
        assertThat(dir.getParent()).isEqualTo(parent);
        assertThat(read(dir.resolve("memory.max"))).isEqualTo("1073741824");
        assertThat(read(dir.resolve("pids.max"))).isEqualTo("64");
        assertThat(read(dir.resolve("cpu.max"))).isEqualTo("100000 100000");
        assertThat(limits.describe()).isEqualTo("cgroup v2 memory+pids+cpu: 1024 MiB, 64 processes, 1 CPU per session");
    }

    @Test
    void a_group_whose_controllers_are_already_enabled_is_used_as_it_is() throws IOException {
        fakeGroup(own, "cpu memory pids", "cpu memory pids");

        CgroupV2Limits.setUp(own, CAPS, SELF).open();

        assertThat(own.resolve("a4j-server")).doesNotExist();
        assertThat(read(own.resolve("cgroup.subtree_control"))).isEqualTo("cpu memory pids");
        assertThat(own.resolve("a4j-" + SELF)).isDirectory();
    }

    @Test
    void a_server_already_in_its_leaf_uses_the_group_above() throws IOException {
        fakeGroup(own, "cpu memory pids", "+memory +pids +cpu");
        fakeGroup(own.resolve("a4j-server"), "cpu memory pids", "", SELF);

        CgroupV2Limits.setUp(own.resolve("a4j-server"), CAPS, SELF);

        assertThat(own.resolve("a4j-" + SELF)).isDirectory();
        assertThat(own.resolve("a4j-server/a4j-server")).doesNotExist();
    }

    @Test
    void missing_controllers_or_other_processes_refuse_and_move_nothing() throws IOException {
        fakeGroup(own, "cpu io memory", "");
        assertThatThrownBy(() -> CgroupV2Limits.setUp(own, CAPS, SELF))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("memory, pids and cpu");

        fakeGroup(own, "cpu memory pids", "", 1, SELF); // pid 1 is not this server's
        assertThatThrownBy(() -> CgroupV2Limits.setUp(own, CAPS, SELF))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("other processes than this server");
        assertThat(own.resolve("a4j-server")).doesNotExist();
        assertThat(read(own.resolve("cgroup.subtree_control"))).isEmpty();
    }

    @Test
    void closing_a_group_kills_its_processes_and_start_kills_what_a_dead_server_left() throws Exception {
        fakeGroup(own, "cpu memory pids", "cpu memory pids");
        Process inGroup = new ProcessBuilder("sleep", "600").start();
        Process leftOver = new ProcessBuilder("sleep", "600").start();
        try {
            long deadPid = 4_194_305; // above the largest pid_max
            fakeGroup(own.resolve("a4j-" + deadPid + "/s-1"), "cpu memory pids", "", leftOver.pid());
            SessionLimits limits = CgroupV2Limits.setUp(own, CAPS, SELF);

            assertThat(leftOver.waitFor(10, TimeUnit.SECONDS)).isTrue();
            SessionLimits.Group group = limits.open();
            Files.writeString(group.joinFiles().getFirst(), inGroup.pid() + "\n");
            group.close();

            assertThat(inGroup.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            inGroup.destroyForcibly();
            leftOver.destroyForcibly();
        }
    }

    @Test
    void this_processes_groups_are_found_from_proc() {
        List<String> mountinfo = List.of(
                "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
                "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct",
                "35 31 0:32 /docker/abc /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
                "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");
        List<String> cgroups =
                List.of("4:memory:/docker/abc/inner", "2:cpu,cpuacct:/system.slice/x.service", "0::/user.slice/u");
        CgroupHost host = new CgroupHost(mountinfo, cgroups);

        assertThat(host.v2()).contains(Path.of("/sys/fs/cgroup/unified/user.slice/u"));
        assertThat(host.v1("cpu")).contains(Path.of("/sys/fs/cgroup/cpu,cpuacct/system.slice/x.service"));
        assertThat(host.v1("memory")).contains(Path.of("/sys/fs/cgroup/memory/inner"));
        assertThat(host.v1("pids")).isEmpty();
        assertThat(new CgroupHost(mountinfo, List.of("0::/")).v2()).contains(Path.of("/sys/fs/cgroup/unified"));
    }
}
