package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./assistants4j setup} (which {@code serve} runs first) on a machine without code_interpreter's
 * prerequisites: as root with apt-get it installs them, saying so; otherwise it prints the one command to run. The
 * host's bubblewrap and Python are stood in for by a fake root, apt-get and id by fakes that record their calls.
 */
class LauncherSetupTest {

    static final Path SCRIPT =
            Path.of(System.getProperty("user.dir")).getParent().resolve("assistants4j");
    static final String PACKAGES = "bubblewrap python3 python3-numpy python3-pandas python3-matplotlib";
    static final String COMMAND = "apt-get install -y --no-install-recommends " + PACKAGES;

    @TempDir
    Path dir;

    Path root;
    Path bin;
    Path calls;

    /** The outcome of one run: what it printed on stderr and the apt-get calls. */
    record Run(int exit, String stderr, List<String> aptGet) {}

    @BeforeEach
    void fakes() throws IOException {
        root = Files.createDirectories(dir.resolve("root/usr/bin"));
        bin = Files.createDirectories(dir.resolve("bin"));
        calls = dir.resolve("apt-get.calls");
        // apt-get records its arguments; "installing" makes bubblewrap and a Python with the data stack appear.
        executable(
                bin.resolve("apt-get"),
                "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n"
                        + "case \"$*\" in *install*) printf '#!/bin/sh\\nexit 0\\n' > '" + root.resolve("bwrap")
                        + "'; cp '"
                        + root.resolve("bwrap") + "' '" + root.resolve("python3") + "'; chmod +x '" + root
                        + "'/*;; esac\n");
        executable(bin.resolve("id"), "#!/bin/sh\necho \"$FAKE_UID\"\n");
    }

    static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    Run setup(String uid, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), "setup"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        builder.environment().put("FAKE_UID", uid);
        builder.environment().put("ASSISTANTS4J_SYSROOT", dir.resolve("root").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> aptGet = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        return new Run(process.exitValue(), stderr, aptGet);
    }

    Path config(String yaml) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }

    @Test
    void as_root_with_apt_get_it_installs_them_and_says_so() throws Exception {
        Run run = setup("0", Map.of());

        assertThat(run.exit()).isZero();
        assertThat(run.stderr())
                .isEqualTo("assistants4j: code_interpreter needs " + PACKAGES
                        + "; installing them with apt-get (ASSISTANTS4J_NO_INSTALL=1 skips this)\n");
        assertThat(run.aptGet()).contains("install -y -q --no-install-recommends " + PACKAGES);
        assertThat(setup("0", Map.of()).aptGet())
                .as("nothing more once installed")
                .isEqualTo(run.aptGet());
    }

    @Test
    void otherwise_it_prints_the_one_command_to_run_and_installs_nothing() throws Exception {
        Run user = setup("1000", Map.of());
        Run optedOut = setup("0", Map.of("ASSISTANTS4J_NO_INSTALL", "1"));

        String needs = "assistants4j: code_interpreter needs bubblewrap and Debian's python3 with numpy, pandas and"
                + " matplotlib; install them with: ";
        assertThat(user.stderr()).isEqualTo(needs + "sudo " + COMMAND + "\n");
        assertThat(optedOut.stderr()).isEqualTo(needs + COMMAND + "\n");
        assertThat(optedOut.aptGet()).isEmpty();
        assertThat(optedOut.exit()).isZero();
    }

    @Test
    void a_config_that_disables_the_tool_is_respected() throws Exception {
        Path disabled = config("model_list: []\nassistant_settings:\n  file_search: {}\n  code_interpreter:  # off\n"
                + "    timeout_seconds: 5\n    enabled: false\n");

        assertThat(setup("0", Map.of(), "--config", disabled.toString())).isEqualTo(new Run(0, "", List.of()));
        assertThat(setup("0", Map.of("ASSISTANTS4J_CONFIG", disabled.toString())))
                .isEqualTo(new Run(0, "", List.of()));
        Path flow = config("assistant_settings: {code_interpreter: {enabled: false}}\n");
        assertThat(setup("1000", Map.of(), "--config=" + flow)).isEqualTo(new Run(0, "", List.of()));

        Path elsewhere = config("assistant_settings:\n  file_search:\n    enabled: false\n  code_interpreter: {}\n");
        assertThat(setup("0", Map.of(), "--config", elsewhere.toString()).aptGet())
                .isNotEmpty();
    }
}
