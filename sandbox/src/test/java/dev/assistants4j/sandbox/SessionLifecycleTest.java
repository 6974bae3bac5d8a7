package dev.assistants4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.code.CodeExecution;
import dev.assistants4j.core.code.CodeExecution.Status;
import dev.assistants4j.core.code.CodeInterpreterSettings;
import dev.assistants4j.core.code.CodeInterpreterUnavailableException;
import dev.assistants4j.core.code.SessionKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions open, expire, make room for others and close; creation refuses when it cannot isolate. */
class SessionLifecycleTest {

    static final SandboxOptions COLD = SandboxOptions.DEFAULTS.withWarmSessions(0);
    static final SessionKey A = new SessionKey("proj_1", "thread_a");
    static final SessionKey B = new SessionKey("proj_1", "thread_b");
    static final SessionKey C = new SessionKey("proj_2", "thread_a");

    static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + timeout).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void an_idle_session_expires_and_its_state_and_files_go(@TempDir Path work) throws Exception {
        CodeInterpreterSettings settings = CodeInterpreterSettings.DEFAULTS.withIdleExpiry(Duration.ofMillis(300));
        try (BubblewrapSandbox sandbox = BubblewrapSandbox.create(settings, COLD.withWorkDir(work))) {
            sandbox.execute(A, "x = 1\nopen('/mnt/data/f.txt', 'w').write('f')", List.of());
            assertThat(sandbox.openSessions()).isEqualTo(1);
            assertThat(sessionDirs(work)).hasSize(1);

            await(() -> sandbox.openSessions() == 0 && sessionDirs(work).isEmpty(), Duration.ofSeconds(10));

            CodeExecution after = sandbox.execute(A, "import os\nos.listdir('/mnt/data')", List.of());
            assertThat(after.logs()).isEqualTo("[]\n");
        }
    }

    @Test
    void opening_one_session_too_many_closes_the_least_recently_used() {
        CodeInterpreterSettings settings = CodeInterpreterSettings.DEFAULTS.withMaxSessions(2);
        try (BubblewrapSandbox sandbox = BubblewrapSandbox.create(settings, COLD)) {
            sandbox.execute(A, "v = 'a'", List.of());
            sandbox.execute(B, "v = 'b'", List.of());
            sandbox.execute(A, "v", List.of()); // B is now the least recently used

            sandbox.execute(C, "v = 'c'", List.of());

            assertThat(sandbox.openSessions()).isEqualTo(2);
            assertThat(sandbox.execute(A, "v", List.of()).logs()).isEqualTo("'a'\n");
            assertThat(sandbox.execute(B, "v", List.of()).error()).contains("NameError: name 'v' is not defined");
        }
    }

    @Test
    void a_closed_session_starts_afresh_and_a_closed_interpreter_rejects(@TempDir Path work) throws Exception {
        BubblewrapSandbox sandbox = BubblewrapSandbox.create(CodeInterpreterSettings.DEFAULTS, COLD.withWorkDir(work));
        sandbox.execute(A, "v = 1", List.of());
        sandbox.closeSession(A);
        assertThat(sandbox.openSessions()).isZero();
        assertThat(sandbox.execute(A, "v", List.of()).status()).isEqualTo(Status.FAILED);

        sandbox.close();

        CodeExecution rejected = sandbox.execute(A, "1", List.of());
        assertThat(rejected.status()).isEqualTo(Status.REJECTED);
        assertThat(rejected.error()).contains("The code interpreter is shut down.");
        assertThat(sessionDirs(work)).isEmpty();
    }

    @Test
    void a_warm_interpreter_serves_a_new_session_with_the_libraries_already_imported() {
        SandboxOptions warm = SandboxOptions.DEFAULTS.withPreloadModules(List.of("csv")); // quick to import
        try (BubblewrapSandbox sandbox = BubblewrapSandbox.create(CodeInterpreterSettings.DEFAULTS, warm)) {
            assertThat(sandbox.awaitWarm(Duration.ofSeconds(30))).isTrue();

            CodeExecution first = sandbox.execute(A, "import sys\n'csv' in sys.modules", List.of());

            assertThat(first.logs()).isEqualTo("True\n");
            assertThat(sandbox.awaitWarm(Duration.ofSeconds(30))).as("refilled").isTrue();
            assertThat(sandbox.execute(B, "'csv' in sys.modules", List.of()).error())
                    .contains("NameError: name 'sys' is not defined");
        }
    }

    @Test
    void without_bubblewrap_creation_refuses_with_a_clear_message() {
        SandboxOptions missing = new SandboxOptions(
                Path.of("/usr/bin/python3"),
                Path.of("/nonexistent/bwrap"),
                Optional.empty(),
                65534,
                0,
                List.of(),
                true);

        assertThatThrownBy(() -> BubblewrapSandbox.create(CodeInterpreterSettings.DEFAULTS, missing))
                .isInstanceOf(CodeInterpreterUnavailableException.class)
                .hasMessageContaining("needs bubblewrap")
                .hasMessageContaining("apt-get install -y --no-install-recommends bubblewrap python3 python3-numpy")
                .hasMessageContaining("allowUnsandboxedCodeExecution");
    }

    @Test
    void a_data_dir_only_its_owner_can_enter_works(@TempDir Path base) throws Exception {
        Path dataDir = Files.createDirectory(base.resolve("data"));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));

        try (BubblewrapSandbox sandbox = BubblewrapSandbox.create(
                CodeInterpreterSettings.DEFAULTS, COLD.withWorkDir(dataDir.resolve("sandbox")))) {
            CodeExecution result =
                    sandbox.execute(A, "import os\nprint(os.getuid(), open('/etc/passwd').read())", List.of());

            assertThat(result.status()).as(result.logs()).isEqualTo(Status.COMPLETED);
            assertThat(result.logs()).startsWith("1000 sandbox:x:1000:1000:");
        }
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("sandbox")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void a_sandbox_that_cannot_start_says_why_without_blaming_user_namespaces(@TempDir Path dir) throws Exception {
        Path python = Files.createSymbolicLink(dir.resolve("python3"), Path.of("/usr/bin/python3")); // not in /usr
        SandboxOptions outsideUsr = COLD.withPaths(python, SandboxOptions.DEFAULTS.bwrap());

        assertThatThrownBy(() -> BubblewrapSandbox.create(CodeInterpreterSettings.DEFAULTS, outsideUsr))
                .isInstanceOf(CodeInterpreterUnavailableException.class)
                .hasMessageContaining(
                        Host.root() ? "bubblewrap (running as uid 65534) cannot start a sandbox" : "cannot start")
                .hasMessageContaining("execvp " + python)
                .hasMessageContaining("No such file or directory")
                .hasMessageNotContaining("namespace");
    }

    @Test
    void user_namespaces_are_blamed_when_bubblewrap_says_it_cannot_create_one(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // the sandbox user runs it
        Path bwrap = dir.resolve("bwrap");
        Files.writeString(
                bwrap,
                "#!/bin/sh\n[ \"$1\" = --version ] && { echo 'bubblewrap 0.8.0'; exit 0; }\n"
                        + "echo 'bwrap: No permissions to creating new namespace, likely because the kernel does not"
                        + " allow non-privileged user namespaces.' >&2\nexit 1\n");
        Files.setPosixFilePermissions(bwrap, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> BubblewrapSandbox.create(
                        CodeInterpreterSettings.DEFAULTS, COLD.withPaths(SandboxOptions.DEFAULTS.python(), bwrap)))
                .isInstanceOf(CodeInterpreterUnavailableException.class)
                .hasMessageContaining("cannot create the namespaces of a sandbox")
                .hasMessageContaining("No permissions to creating new namespace")
                .hasMessageContaining("user.max_user_namespaces");
    }

    @Test
    void the_unsandboxed_interpreter_runs_the_same_driver_without_isolation() {
        try (UnsandboxedCodeInterpreter unsafe =
                UnsandboxedCodeInterpreter.create(CodeInterpreterSettings.DEFAULTS, COLD)) {
            CodeExecution result =
                    unsafe.execute(A, "import os\nopen('out.txt', 'w').write('x')\nos.getcwd()", List.of());

            assertThat(unsafe.isolation()).startsWith("none");
            assertThat(result.status()).as(result.logs()).isEqualTo(Status.COMPLETED);
            assertThat(result.logs()).doesNotContain("/mnt/data").contains("s-");
            assertThat(result.files()).extracting(f -> f.name()).containsExactly("out.txt");
        }
    }

    @Test
    void interrupting_the_caller_cancels_the_execution_and_closing_the_session_stops_it(@TempDir Path work)
            throws Exception {
        try (BubblewrapSandbox sandbox =
                BubblewrapSandbox.create(CodeInterpreterSettings.DEFAULTS, COLD.withWorkDir(work))) {
            String sleeper = "open('/mnt/data/started', 'w').close()\nimport time\ntime.sleep(60)";
            CompletableFuture<CodeExecution> cancelled = new CompletableFuture<>();
            Thread caller = Thread.ofVirtual().start(() -> cancelled.complete(sandbox.execute(A, sleeper, List.of())));
            await(SandboxProcesses::started, Duration.ofSeconds(20));

            caller.interrupt();

            CodeExecution result = cancelled.get(10, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(Status.CANCELLED);
            assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).startsWith("Execution was cancelled."));

            await(
                    () -> !SandboxProcesses.started(),
                    Duration.ofSeconds(10)); // A's sandbox, with its /mnt/data, is gone
            CompletableFuture<CodeExecution> closed =
                    CompletableFuture.supplyAsync(() -> sandbox.execute(B, sleeper, List.of()));
            await(SandboxProcesses::started, Duration.ofSeconds(20));
            long start = System.nanoTime();

            sandbox.closeSession(B);

            assertThat(closed.get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.CRASHED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(sandbox.openSessions()).isEqualTo(1); // A's session lives on, with a fresh interpreter next
        }
    }

    private static List<Path> sessionDirs(Path work) {
        try (var files = Files.list(work)) {
            return files.filter(p -> p.getFileName().toString().startsWith("s-"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
