package dev.assistants4j.sandbox;

import static dev.assistants4j.sandbox.ClassSandbox.newSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assistants4j.core.code.CodeExecution;
import dev.assistants4j.core.code.CodeExecution.Status;
import dev.assistants4j.core.code.CodeInterpreterSettings;
import dev.assistants4j.core.code.InputFile;
import dev.assistants4j.core.code.SessionKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What code must not be able to do, and the limits that stop it without harming the host or other sessions. */
class ContainmentTest {

    static final Duration CPU = Duration.ofSeconds(1);
    /** Generous: on a loaded machine a second of CPU time can take many seconds of wall time. */
    static final Duration WALL = Duration.ofSeconds(30);

    @RegisterExtension
    static final ClassSandbox sandbox = new ClassSandbox(
            CodeInterpreterSettings.DEFAULTS.withWallTimeout(WALL).withCpuTime(CPU));

    static String runOk(String code) {
        CodeExecution result = sandbox.run(newSession(), code);
        assertThat(result.status()).as(result.logs()).isEqualTo(Status.COMPLETED);
        return result.logs();
    }

    @Test
    void there_is_no_network_not_even_to_the_hosts_loopback() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String logs = runOk("import socket\n"
                    + "def attempt(host, port):\n"
                    + "    try:\n"
                    + "        socket.create_connection((host, port), timeout=2).close()\n"
                    + "        return 'connected'\n"
                    + "    except OSError as e:\n"
                    + "        return type(e).__name__\n"
                    + "print(attempt('127.0.0.1', " + server.getLocalPort() + "))\n"
                    + "print(attempt('1.1.1.1', 53))\n"
                    + "print(attempt('example.com', 80))\n");

            assertThat(logs).doesNotContain("connected");
            assertThat(logs.lines().toList()).hasSize(3);
        }
    }

    @Test
    void only_mnt_data_and_private_temporary_directories_are_writable() {
        String marker = "a4j-containment-" + UUID.randomUUID();
        String logs = runOk("def write(path):\n"
                + "    try:\n"
                + "        open(path, 'w').write('x')\n"
                + "        return 'wrote ' + path\n"
                + "    except OSError as e:\n"
                + "        return 'refused ' + path\n"
                + "for p in ['/usr/" + marker + "', '/etc/" + marker + "', '/" + marker + "', '/mnt/" + marker + "',"
                + " '/dev/" + marker + "', '/opt/a4j/" + marker + "', '/mnt/data/../" + marker + "',"
                + " '/tmp/" + marker + "', '/mnt/data/" + marker + "']:\n"
                + "    print(write(p))\n");

        assertThat(logs.lines().filter(l -> l.startsWith("wrote")).toList())
                .containsExactly("wrote /tmp/" + marker, "wrote /mnt/data/" + marker);
        assertThat(Path.of("/tmp", marker)).doesNotExist(); // the sandbox's /tmp is its own
        assertThat(Path.of("/etc", marker)).doesNotExist();
    }

    @Test
    void host_secrets_are_out_of_reach() {
        String logs = runOk("import os\n"
                + "def read(path):\n"
                + "    try:\n"
                + "        open(path, 'rb').read(1)\n"
                + "        return 'read ' + path\n"
                + "    except OSError:\n"
                + "        return 'refused ' + path\n"
                + "for p in ['/etc/shadow', '/etc/hostname', '/root/.bashrc', '/home', '/work']:\n"
                + "    print(read(p))\n"
                + "print(open('/proc/1/environ').read().replace(chr(0), ' '))\n"
                + "print(sorted(os.environ))\n"
                + "print(os.path.exists('/root'), os.path.exists('/home'), os.path.exists('/work'))\n"
                + "print(os.getuid(), os.listdir('/mnt'))\n");

        assertThat(logs).doesNotContain("read /").contains("PATH=/usr/bin:/bin LANG=C.UTF-8 \n");
        assertThat(logs).doesNotContain("JAVA_HOME").doesNotContain("MAVEN").doesNotContain("HOME=/root");
        assertThat(logs)
                .contains(
                        "['HOME', 'LANG', 'MKL_NUM_THREADS', 'MPLBACKEND', 'MPLCONFIGDIR',"
                                + " 'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'PATH', 'PWD', 'PYTHONDONTWRITEBYTECODE', 'TMPDIR']");
        assertThat(logs).contains("False False False").contains("1000 ['data']");
        assertThat(System.getenv()).isNotEmpty(); // the test JVM does have an environment to leak
    }

    @Test
    void another_sessions_files_are_invisible() {
        SessionKey owner = newSession();
        CodeExecution wrote =
                sandbox.run(owner, "open('/mnt/data/private.txt', 'w').write('mine')\nimport os\nos.getcwd()");
        assertThat(wrote.logs()).isEqualTo("'/mnt/data'\n");

        String logs = runOk("import os\nprint(os.listdir('/mnt/data'), os.listdir('/mnt'))\n"
                + "found = [os.path.join(d, f) for top in ['/mnt', '/tmp', '/opt', '/dev'] "
                + "for d, _, fs in os.walk(top) for f in fs if f == 'private.txt']\n"
                + "found + [f for f in os.listdir('/') if f == 'private.txt']");

        assertThat(logs).isEqualTo("[] ['data']\n[]\n");
    }

    @Test
    void a_fork_bomb_is_stopped_and_the_host_and_session_carry_on() {
        SessionKey session = newSession();
        sandbox.run(session, "state = 'alive'");

        CodeExecution bomb = sandbox.run(session, "import os\nwhile True:\n    os.fork()");

        assertThat(bomb.status()).isEqualTo(Status.FAILED);
        assertThat(bomb.error()).hasValueSatisfying(e -> assertThat(e).startsWith("BlockingIOError"));
        assertThat(sandbox.run(session, "import os\nstate, len([p for p in os.listdir('/proc') if p.isdigit()])")
                        .logs())
                .isEqualTo("('alive', 2)\n"); // the bomb's processes are gone: only bwrap's init and the driver
        CodeExecution shellBomb = sandbox.run(
                session,
                "import subprocess\nsubprocess.run(['sh', '-c', 'b() { b | b & }; b'], timeout=1)\n"
                        + "import time\ntime.sleep(0.5)\n'after'");
        assertThat(shellBomb.logs()).contains("'after'");
        assertThat(sandbox.run(session, "len([p for p in os.listdir('/proc') if p.isdigit()])")
                        .logs())
                .isEqualTo("2\n");
        assertThat(runOk("print('other session')")).isEqualTo("other session\n");
    }

    @Test
    void a_memory_hog_gets_a_memory_error_and_the_session_carries_on() {
        SessionKey session = newSession();
        CodeExecution hog = sandbox.run(session, "kept = 1\nhog = bytearray(4 * 1024 ** 3)");

        assertThat(hog.status()).isEqualTo(Status.FAILED);
        assertThat(hog.error()).contains("MemoryError");
        CodeExecution numpy = sandbox.run(session, "import numpy as np\nnp.ones(2 ** 29)");
        assertThat(numpy.error()).hasValueSatisfying(e -> assertThat(e).contains("MemoryError"));
        assertThat(sandbox.run(session, "kept").logs()).isEqualTo("1\n");
    }

    @Test
    void an_endless_loop_is_stopped_at_the_cpu_limit() {
        SessionKey session = newSession();
        sandbox.run(session, "kept = 1");
        long start = System.nanoTime();

        CodeExecution loop = sandbox.run(session, "while True:\n    pass");

        assertThat(loop.status()).isEqualTo(Status.FAILED);
        assertThat(loop.error()).contains("CpuTimeExceeded: CPU time limit exceeded");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WALL);
        assertThat(sandbox.run(session, "kept").logs()).isEqualTo("1\n");
    }

    @Test
    void code_over_its_wall_time_is_killed_and_the_next_execution_starts_afresh() {
        Duration wall = Duration.ofSeconds(2);
        try (BubblewrapSandbox short_ = BubblewrapSandbox.create(
                CodeInterpreterSettings.DEFAULTS.withWallTimeout(wall), SandboxOptions.DEFAULTS.withWarmSessions(0))) {
            SessionKey session = newSession();
            short_.execute(
                    session,
                    "import os\nkept = 1\nopen('/mnt/data/file.txt', 'w').write('kept')\nos.makedirs('/mnt/data/d/e')\n"
                            + "open('/mnt/data/d/e/deep.txt', 'w').write('deep')\nos.symlink('/etc/passwd', '/mnt/data/link')",
                    List.of());
            long start = System.nanoTime();

            CodeExecution sleeper =
                    short_.execute(session, "print('started', flush=True)\nimport time\ntime.sleep(60)", List.of());

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(sleeper.status()).isEqualTo(Status.TIMED_OUT);
            assertThat(sleeper.logs()).isEqualTo("started\n");
            assertThat(sleeper.error()).hasValueSatisfying(e -> assertThat(e).contains("timed out after 2 s", "lost"));
            assertThat(took).isBetween(wall, wall.plusSeconds(10));
            CodeExecution after = short_.execute(
                    session,
                    "import os\nprint(open('/mnt/data/file.txt').read(), open('/mnt/data/d/e/deep.txt').read(),"
                            + " os.path.lexists('/mnt/data/link'))\nkept",
                    List.of());
            assertThat(after.status()).isEqualTo(Status.FAILED);
            assertThat(after.logs()).startsWith("kept deep False\n").contains("NameError"); // files, not links, kept
        }
    }

    @Test
    void the_files_of_a_session_are_capped_in_total_and_never_reach_the_host_disk(@TempDir Path work) throws Exception {
        long quota = 8L << 20;
        try (BubblewrapSandbox small = BubblewrapSandbox.create(
                CodeInterpreterSettings.DEFAULTS.withWallTimeout(WALL).withMaxSessionBytes(quota),
                SandboxOptions.DEFAULTS.withWarmSessions(0).withWorkDir(work))) {
            SessionKey filler = newSession();
            SessionKey other = newSession();
            small.execute(other, "open('/mnt/data/mine.txt', 'w').write('mine')", List.of());

            CodeExecution fill = small.execute(
                    filler,
                    "import os\nwritten = 0\ntry:\n"
                            + "    for i in range(100):\n"
                            + "        with open('/mnt/data/f%d' % i, 'wb') as f:\n"
                            + "            f.write(b'x' * (1 << 20))\n"
                            + "        written += 1 << 20\n"
                            + "finally:\n"
                            + "    print('used', sum(os.path.getsize(n) for n in os.listdir('/mnt/data')))\n",
                    List.of());

            assertThat(fill.status()).isEqualTo(Status.FAILED);
            assertThat(fill.error()).hasValueSatisfying(e -> assertThat(e).contains("No space left on device"));
            long used =
                    Long.parseLong(fill.logs().lines().findFirst().orElseThrow().substring("used ".length()));
            assertThat(used).isBetween(quota - (2L << 20), quota);
            assertThat(hostBytes(work)).isLessThan(1L << 20); // the files were never on the host's disk

            CodeExecution freed = small.execute(
                    filler,
                    "import os\nfor n in os.listdir('/mnt/data'): os.remove(n)\n"
                            + "open('/mnt/data/small.txt', 'w').write('ok')\nprint(open('/mnt/data/small.txt').read())",
                    List.of());
            assertThat(freed.status()).as(freed.logs()).isEqualTo(Status.COMPLETED);
            assertThat(freed.logs()).isEqualTo("ok\n");
            CodeExecution others = small.execute(
                    other,
                    "open('/mnt/data/big', 'wb').write(b'y' * (6 << 20))\nprint(open('/mnt/data/mine.txt').read())",
                    List.of());
            assertThat(others.status()).as(others.logs()).isEqualTo(Status.COMPLETED);
            assertThat(others.logs()).isEqualTo("mine\n");

            CodeExecution tooBig = small.execute(other, "1", List.of(InputFile.of("huge.bin", new byte[9 << 20])));
            assertThat(tooBig.status()).isEqualTo(Status.FAILED);
            assertThat(tooBig.error()).hasValueSatisfying(e -> assertThat(e).contains("at most 8 MiB"));
            assertThat(small.execute(other, "import os\nos.path.getsize('/mnt/data/huge.bin')", List.of())
                            .logs())
                    .isEqualTo("0\n"); // emptied: the session keeps working
        }
    }

    /** The bytes of the regular files under {@code dir}. */
    private static long hostBytes(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    @Test
    void a_crashed_interpreter_is_replaced_on_the_next_execution() {
        SessionKey session = newSession();
        CodeExecution crash =
                sandbox.run(session, "import os\nopen('/mnt/data/before.txt', 'w').write('x')\nos._exit(3)");

        assertThat(crash.status()).isEqualTo(Status.CRASHED);
        assertThat(crash.error()).hasValueSatisfying(e -> assertThat(e).contains("lost"));
        assertThat(sandbox.run(session, "1 + 1").logs()).isEqualTo("2\n");
        assertThat(sandbox.run(session, "open('/mnt/data/before.txt').read()").logs())
                .isEqualTo("'x'\n");
    }

    /** Calls an unprivileged process may make on a host, and prints what each returned (0 or the errno's name). */
    static final String PRIVILEGED_CALLS = "import ctypes, errno\n"
            + "libc = ctypes.CDLL(None, use_errno=True)\n"
            + "libc.syscall.restype = ctypes.c_long\n"
            + "def call(name, *args):\n"
            + "    result = libc.syscall(*args)\n"
            + "    code = ctypes.get_errno()\n"
            + "    print(name, 'ok' if result >= 0 else errno.errorcode[code])\n"
            + "params = ctypes.create_string_buffer(120)\n"
            + "call('ptrace', 101, 0, 0, 0, 0)\n" // PTRACE_TRACEME
            + "call('keyctl', 250, 0, ctypes.c_long(-3), 0)\n" // KEYCTL_GET_KEYRING_ID, session keyring
            + "call('io_uring_setup', 425, 1, params)\n"
            + "call('personality', 135, 0x0040000)\n" // ADDR_NO_RANDOMIZE
            + "call('personality_query', 135, ctypes.c_ulong(0xffffffff))\n";

    @Test
    void the_seccomp_filter_denies_what_an_unprivileged_host_process_may_do() throws Exception {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "the call numbers are x86_64's");
        Process host = new ProcessBuilder("/usr/bin/python3", "-c", PRIVILEGED_CALLS)
                .redirectErrorStream(true)
                .start();
        String outside = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(host.waitFor()).isZero();
        assertThat(outside.lines()).as(outside).allMatch(line -> line.endsWith(" ok"));

        String inside = runOk(PRIVILEGED_CALLS);

        assertThat(inside.lines())
                .containsExactly(
                        "ptrace EPERM",
                        "keyctl EPERM",
                        "io_uring_setup EPERM",
                        "personality EPERM",
                        "personality_query ok");
    }

    @Test
    void multiprocessing_and_subprocess_work_under_the_filter() {
        String logs = runOk("import multiprocessing, subprocess\n"
                + "with multiprocessing.Pool(2) as pool:\n"
                + "    print(sum(pool.map(abs, range(-5, 5))))\n"
                + "print(subprocess.run(['sh', '-c', 'echo from sh'], capture_output=True, text=True).stdout.strip())\n"
                + "import numpy as np, pandas as pd, matplotlib.pyplot as plt\n"
                + "plt.plot(np.arange(3)); plt.savefig('/tmp/p.png')\n"
                + "print(pd.Series([1, 2]).sum())");

        assertThat(logs).isEqualTo("25\nfrom sh\n3\n");
    }

    @Test
    void host_paths_are_not_in_the_mount_table_or_the_command_line(@TempDir Path base) throws Exception {
        Path work = base.resolve("private-data-dir-marker/sandbox");
        try (BubblewrapSandbox own = BubblewrapSandbox.create(
                CodeInterpreterSettings.DEFAULTS.withWallTimeout(WALL),
                SandboxOptions.DEFAULTS.withWarmSessions(0).withWorkDir(work))) {
            CodeExecution result = own.execute(
                    newSession(),
                    "print(open('/proc/1/cmdline').read().replace(chr(0), ' '))\n"
                            + "print(open('/proc/self/mountinfo').read())\n"
                            + "print(open('/proc/self/cgroup').read())",
                    List.of());

            assertThat(result.status()).as(result.logs()).isEqualTo(Status.COMPLETED);
            assertThat(result.logs())
                    .contains("/usr/bin/bwrap --args 3 -- /usr/bin/python3 -I -B /opt/a4j/a4j_driver.py")
                    .doesNotContain("private-data-dir-marker")
                    .doesNotContain(base.toString())
                    .doesNotContain("a4j-" + ProcessHandle.current().pid());
        }
    }

    @Test
    void the_driver_runs_as_an_unprivileged_user_without_capabilities() throws Exception {
        String logs = runOk("print(open('/proc/self/status').read())");

        assertThat(logs).contains("CapEff:\t0000000000000000").contains("NoNewPrivs:\t1");
        assertThat(Files.exists(Path.of("/proc/self"))).isTrue();
    }
}
