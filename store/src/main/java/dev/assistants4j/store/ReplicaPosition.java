package dev.assistants4j.store;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which database a node's local chunk index follows and the last change it holds, as recorded beside the index: a
 * two-line properties file, replaced atomically. It is written only after the index holds that change durably, so it
 * may lag the index (the changes in between are applied again, which changes nothing) but is never ahead of it.
 *
 * @param databaseId the {@code chunk_log_head.database_id} of the database
 * @param seq the last change the index holds
 */
record ReplicaPosition(String databaseId, long seq) {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaPosition.class);

    /** The position recorded in {@code file}; empty when there is none, or none that can be read. */
    static Optional<ReplicaPosition> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Cannot read the search index's position in {} ({}): building the index anew", file, e.toString());
            return Optional.empty();
        }
        String database = properties.getProperty("database");
        String seq = properties.getProperty("seq");
        if (database == null || seq == null || !seq.matches("\\d{1,18}")) {
            LOG.warn("The search index's position in {} is incomplete: building the index anew", file);
            return Optional.empty();
        }
        return Optional.of(new ReplicaPosition(database, Long.parseLong(seq)));
    }

    /** Records this position in {@code file}, replacing what it held. */
    void write(Path file) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            DataDirectory.createPrivateFile(temporary);
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                writer.write("# The changes of the database's chunks this search index holds (assistants4j)\n");
                writer.write("database=" + databaseId + "\n");
                writer.write("seq=" + seq + "\n");
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the search index's position in " + file + ": " + e, e);
        }
    }

    /** Removes the record, so that an index left half-built is never taken for one that is complete. */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the search index's position " + file + ": " + e, e);
        }
    }
}
