package dev.assistants4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is missing for code_interpreter, and the one command that installs it. */
class PrerequisitesTest {

    @Test
    void the_install_command_names_every_package() {
        assertThat(Prerequisites.installCommand())
                .endsWith("apt-get install -y --no-install-recommends bubblewrap python3 python3-numpy python3-pandas"
                        + " python3-matplotlib")
                .startsWith(Host.root() ? "apt-get" : "sudo apt-get");
    }

    @Test
    void missing_files_are_named(@TempDir Path dir) {
        SandboxOptions missing = SandboxOptions.DEFAULTS.withPaths(dir.resolve("python3"), dir.resolve("bwrap"));

        assertThat(Prerequisites.missingFiles(missing))
                .containsExactly(
                        dir.resolve("bwrap").toString(), dir.resolve("python3").toString());
        assertThat(Prerequisites.missingFiles(SandboxOptions.DEFAULTS)).isEmpty();
    }

    @Test
    void a_python_without_the_data_stack_is_told_apart(@TempDir Path dir) throws Exception {
        Path python = dir.resolve("python3");
        Files.writeString(
                python,
                "#!/bin/sh\necho 'Traceback (most recent call last):'\n"
                        + "echo \"ModuleNotFoundError: No module named 'pandas'\"\nexit 1\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));

        assertThat(Prerequisites.missingModules(python)).contains("ModuleNotFoundError: No module named 'pandas'");
        assertThat(Prerequisites.missingModules(SandboxOptions.DEFAULTS.python()))
                .isEmpty();
        assertThat(Prerequisites.warning("/usr/bin/bwrap is missing"))
                .isEqualTo("code_interpreter cannot run code on this host: /usr/bin/bwrap is missing. Install its"
                        + " prerequisites with: " + Prerequisites.installCommand());
    }
}
