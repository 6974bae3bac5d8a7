package dev.assistants4j.store;

import dev.assistants4j.core.error.ServiceUnavailableException;
import dev.assistants4j.core.store.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as files in one local directory ({@code rwx------} when created here), one file per key, named after the key
 * and readable by the server's user only ({@code rw-------}). A put writes a hidden temporary file
 * next to the target, forces it to disk, renames it into place atomically and forces the directory, so a blob is
 * either absent or complete, also after a crash; a put on a full disk is a 503 {@link ServiceUnavailableException}. Temporary files a crash left behind are removed on open.
 * Thread-safe.
 */
public final class LocalBlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBlobStore.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path root;

    /** Opens (creating if needed) the directory {@code root}. */
    public LocalBlobStore(Path root) {
        try {
            this.root = DataDirectory.create(root).toRealPath();
            removeLeftoverTemporaries();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the blob directory " + root, e);
        }
    }

    /** The directory the blobs live in. */
    public Path root() {
        return root;
    }

    @Override
    public void put(String key, InputStream content) {
        Path target = pathOf(key);
        Path temporary = root.resolve("." + key + "." + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(
                    temporary,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    DataDirectory.OWNER_ONLY_FILE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.transferTo(out);
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
        } catch (IOException e) {
            deleteQuietly(temporary, e);
            if (ServiceUnavailableException.noSpace(e)) {
                throw ServiceUnavailableException.diskFull("the file", e);
            }
            throw new UncheckedIOException("Cannot store the blob " + key, e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary, e);
            throw e;
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(pathOf(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the blob " + key, e);
        }
    }

    @Override
    public boolean delete(String key) {
        try {
            boolean deleted = Files.deleteIfExists(pathOf(key));
            if (deleted) {
                forceDirectory();
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the blob " + key, e);
        }
    }

    @Override
    public long size(String key) {
        try {
            return Files.size(pathOf(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of the blob " + key, e);
        }
    }

    @Override
    public List<String> keysStoredBefore(Instant instant) {
        List<String> keys = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (KEY.matcher(name).matches()
                        && Files.isRegularFile(entry)
                        && Files.getLastModifiedTime(entry).toInstant().isBefore(instant)) {
                    keys.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the blobs in " + root, e);
        }
        return keys;
    }

    /** The file of a key; keys are restricted so that no key can name anything outside {@link #root}. */
    private Path pathOf(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Invalid blob key: " + key);
        }
        return root.resolve(key);
    }

    /** Makes a rename or delete in the directory durable. Not every platform can open a directory; those skip it. */
    private void forceDirectory() {
        try (FileChannel directory = FileChannel.open(root, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot force the directory {} to disk", root, e);
        }
    }

    private void removeLeftoverTemporaries() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(root, ".*" + TEMP_SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static void deleteQuietly(Path temporary, Exception failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
