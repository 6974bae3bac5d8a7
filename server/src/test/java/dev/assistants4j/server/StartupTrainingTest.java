package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher's training run of its start-up cache ({@code assistants4j train-startup}): its workload, every request
 * of which must succeed against a real server, ends cleanly and leaves nothing in the temporary directory.
 */
class StartupTrainingTest {

    @Test
    void the_training_workload_succeeds_and_leaves_nothing_behind() throws Exception {
        // given
        List<Path> before = trainingDirs();

        // when
        StartupTraining.run();

        // then
        assertThat(trainingDirs()).isEqualTo(before);
    }

    private static List<Path> trainingDirs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(path -> path.getFileName().toString().startsWith("assistants4j-training-"))
                    .sorted()
                    .toList();
        }
    }
}
