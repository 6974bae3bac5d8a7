package dev.assistants4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assistants4j.core.code.CodeExecution;
import dev.assistants4j.core.code.CodeExecution.Status;
import dev.assistants4j.core.code.CodeInterpreterSettings;
import dev.assistants4j.core.code.SessionKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A session is capped as a whole, not per process: memory (a multi-process memory bomb), processes and CPU, by a
 * cgroup where the host allows it (here: root with cgroup v1) and by the memory watchdog otherwise.
 */
class SessionLimitsTest {

    static final long CAP = 1L << 30;
    static final CodeInterpreterSettings SETTINGS = CodeInterpreterSettings.DEFAULTS
            .withWallTimeout(Duration.ofSeconds(60))
            .withCpuTime(Duration.ofSeconds(30));
    static final SandboxOptions COLD =
            SandboxOptions.DEFAULTS.withWarmSessions(0).withPreloadModules(List.of());
    /** Six processes that each take 700 MiB: 4.1 GiB when only each process is capped. */
    static final String MEMORY_BOMB = "import os, time\n"
            + "children = []\n"
            + "for i in range(6):\n"
            + "    pid = os.fork()\n"
            + "    if pid == 0:\n"
            + "        try:\n"
            + "            block = bytearray(b'\\x01') * (700 << 20)\n"
            + "            time.sleep(1)\n"
            + "            os._exit(0)\n"
            + "        except MemoryError:\n"
            + "            os._exit(3)\n"
            + "    children.append(pid)\n"
            + "ends = [os.waitpid(p, 0)[1] for p in children]\n"
            + "killed = sum(1 for s in ends if os.WIFSIGNALED(s))\n"
            + "refused = sum(1 for s in ends if os.WIFEXITED(s) and os.WEXITSTATUS(s) == 3)\n"
            + "print('killed', killed, 'refused', refused, 'completed', 6 - killed - refused)\n"
            + "state";

    static SessionKey newSession() {
        return new SessionKey("proj_test", "thread_" + UUID.randomUUID());
    }

    @Test
    void a_memory_bomb_of_six_processes_stays_within_the_sessions_cap() throws Exception {
        try (BubblewrapSandbox sandbox = BubblewrapSandbox.create(SETTINGS, COLD)) {
            assumeTrue(sandbox.isolation().contains("cgroup"), "no cgroup on this host: " + sandbox.isolation());
            Bomb bomb = explode(sandbox);

            assertThat(bomb.sampledPeak()).as("host memory of the sandbox").isLessThanOrEqualTo(CAP + (64L << 20));
            assertThat(bomb.groupPeak()).isBetween(CAP - (256L << 20), CAP);
        }
    }

    @Test
    void without_a_cgroup_the_watchdog_bounds_a_memory_bomb() throws Exception {
        try (BubblewrapSandbox sandbox = BubblewrapSandbox.create(SETTINGS, COLD.withCgroups(false))) {
            assertThat(sandbox.isolation()).contains("memory watchdog (no cgroup): 1024 MiB per session");
            Bomb bomb = explode(sandbox);

            // It looks every 100 ms: the code can allocate more meanwhile (two cores' worth of page faults here).
            assertThat(bomb.sampledPeak()).as("host memory of the sandbox").isLessThanOrEqualTo(CAP + (768L << 20));
        }
    }

    /** The peaks of a memory bomb: sampled on the host, and as the session's group saw it. */
    record Bomb(long sampledPeak, long groupPeak) {}

    /** Runs the bomb in a new session, checks that the session lives on, and returns the peaks. */
    private static Bomb explode(BubblewrapSandbox sandbox) throws InterruptedException {
        SessionKey session = newSession();
        assertThat(sandbox.execute(session, "state = 'alive'", List.of()).status())
                .isEqualTo(Status.COMPLETED);
        AtomicLong peak = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (sampling.get()) {
                long bytes = ProcessHandle.current()
                        .children()
                        .mapToLong(ProcessMemory::treeBytes)
                        .sum();
                peak.accumulateAndGet(bytes, Math::max);
                try {
                    Thread.sleep(2); // a sampling period, not a wait for anything
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        CodeExecution result;
        try {
            result = sandbox.execute(session, MEMORY_BOMB, List.of());
        } finally {
            sampling.set(false);
            sampler.join();
        }
        long groupPeak = sandbox.peakMemoryBytes(session).orElse(-1);
        System.out.printf(
                "memory bomb (%s): %s; sampled peak %d MiB, group peak %d MiB%n",
                sandbox.isolation(), result.logs().strip(), peak.get() >> 20, groupPeak >> 20);

        assertThat(result.status()).as(result.logs()).isEqualTo(Status.COMPLETED);
        assertThat(result.logs()).startsWith("killed ").endsWith("'alive'\n");
        int stopped = Integer.parseInt(result.logs().split(" ")[1])
                + Integer.parseInt(result.logs().split(" ")[3]);
        assertThat(stopped).as(result.logs()).isGreaterThanOrEqualTo(4);
        assertThat(sandbox.execute(session, "state", List.of()).logs()).isEqualTo("'alive'\n");
        return new Bomb(peak.get(), groupPeak);
    }

    @Test
    void a_sessions_cgroups_carry_its_caps_and_go_with_it() throws Exception {
        CodeInterpreterSettings settings = SETTINGS.withMaxProcesses(32);
        try (BubblewrapSandbox sandbox = BubblewrapSandbox.create(settings, COLD)) {
            assumeTrue(sandbox.isolation().contains("cgroup v1"), "no cgroup v1 here: " + sandbox.isolation());
            SessionKey session = newSession();
            sandbox.execute(session, "1", List.of());

            Path memory = onlyGroup("memory");
            Path pids = onlyGroup("pids");
            Path cpu = onlyGroup("cpu");
            assertThat(Files.readString(memory.resolve("memory.limit_in_bytes")).strip())
                    .isEqualTo("" + CAP);
            assertThat(Files.readString(pids.resolve("pids.max")).strip()).isEqualTo("32");
            assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us")).strip())
                    .isEqualTo("100000");
            assertThat(Files.readAllLines(memory.resolve("cgroup.procs"))).isNotEmpty();

            sandbox.closeSession(session);

            assertThat(groups("memory")).isEmpty();
            assertThat(groups("pids")).isEmpty();
            assertThat(groups("cpu")).isEmpty();
        }
    }

    @Test
    void two_busy_processes_of_a_session_share_one_cpu() throws Exception {
        try (BubblewrapSandbox sandbox = BubblewrapSandbox.create(SETTINGS, COLD)) {
            assumeTrue(sandbox.isolation().contains("cgroup"), "no cgroup on this host: " + sandbox.isolation());
            assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one CPU: nothing to share");

            CodeExecution spin = sandbox.execute(
                    newSession(),
                    "import os, time\n"
                            + "start = time.monotonic()\n"
                            + "pid = os.fork()\n"
                            + "while time.monotonic() - start < 2:\n"
                            + "    pass\n"
                            + "if pid == 0:\n"
                            + "    os._exit(0)\n"
                            + "os.waitpid(pid, 0)\n"
                            + "t = os.times()\n"
                            + "print(round((t.user + t.system + t.children_user + t.children_system)"
                            + " / (time.monotonic() - start), 2))",
                    List.of());

            assertThat(Double.parseDouble(spin.logs().strip())).as("CPUs used").isLessThan(1.3);
        }
    }

    /** The one sandbox group of this JVM in the v1 hierarchy of {@code controller}. */
    private static Path onlyGroup(String controller) throws IOException {
        List<Path> groups = groups(controller);
        assertThat(groups).hasSize(1);
        return groups.getFirst();
    }

    private static List<Path> groups(String controller) throws IOException {
        Path parent = CgroupHost.current()
                .v1(controller)
                .orElseThrow()
                .resolve(CgroupGroup.parentName(ProcessHandle.current().pid()));
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).toList();
        }
    }
}
