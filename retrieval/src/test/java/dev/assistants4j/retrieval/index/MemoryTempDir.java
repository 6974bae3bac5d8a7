package dev.assistants4j.retrieval.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary directories on /dev/shm when there is one: every index write fsyncs, which on a busy shared disk costs
 * more than the tests' logic. Durability itself is Lucene's; the tests check what survives close and reopen.
 */
final class MemoryTempDir implements TempDirFactory {

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return Files.createTempDirectory(shm, "chunk-index-test-");
        }
        return Files.createTempDirectory("chunk-index-test-");
    }
}
