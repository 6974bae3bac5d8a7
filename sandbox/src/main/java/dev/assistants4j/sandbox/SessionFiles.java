package dev.assistants4j.sandbox;

import dev.assistants4j.core.code.InputFile;
import dev.assistants4j.core.code.OutputFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * The host side of the sessions' {@code /mnt/data} directories, under one work directory. Everything in a data
 * directory may have been made by untrusted code, so nothing here follows a symbolic link or opens anything but a
 * regular file (no code runs in a session while its files are placed or collected). Thread-safe.
 *
 * @param workDir an existing directory, real (no links)
 */
record SessionFiles(Path workDir, boolean deleteOnClose, long maxFileBytes) implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The most files and directories carried over to a restarted interpreter (as many as the driver tracks). */
    private static final int MAX_RESTORED = 10_000;

    /** A new, empty, private data directory. */
    Path newDataDir() {
        try {
            Path dir = workDir.resolve("s-" + HexFormat.of().formatHex(random()));
            Files.createDirectory(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] random() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Writes each input file into {@code dir}, replacing whatever has its name (a link is replaced, not followed). */
    void place(Path dir, List<InputFile> inputs) {
        for (InputFile input : inputs) {
            Path target = dir.resolve(input.name());
            try (InputStream in = input.content().get()) {
                Files.deleteIfExists(target);
                Files.copy(in, target); // CREATE_NEW: fails rather than follow a link put there meanwhile
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not place " + input.name() + " in the session", e);
            }
        }
    }

    /**
     * Places {@code inputs} in a sandbox's own {@code /mnt/data}: the driver creates them (as the sandbox user, who
     * alone may create files there), then the host fills them through {@code data}; the sandbox's size cap applies.
     */
    void place(Driver driver, SandboxData data, List<InputFile> inputs) {
        if (inputs.isEmpty()) return;
        try {
            driver.create(List.of(), inputs.stream().map(InputFile::name).toList(), SessionPool.START_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException("could not place the input files in the session", e);
        }
        for (InputFile input : inputs) {
            try (InputStream in = input.content().get()) {
                data.write(input.name(), in);
            } catch (IOException e) {
                emptyQuietly(data, input.name()); // a partial file would take the room the code needs
                throw new UncheckedIOException("could not place " + input.name() + " in the session", e);
            }
        }
    }

    /**
     * Copies the directories and regular files of a previous sandbox's {@code /mnt/data} into a new one's (links and
     * anything else are left behind), so that files outlive a killed or crashed interpreter.
     *
     * @throws IOException when they could not all be copied (for instance, when the new one is smaller)
     */
    void restore(SandboxData from, Driver driver, SandboxData to) throws IOException {
        List<SandboxData.Entry> entries = from.entries(MAX_RESTORED);
        List<String> dirs = entries.stream()
                .filter(SandboxData.Entry::directory)
                .map(SandboxData.Entry::path)
                .toList();
        List<String> names = entries.stream()
                .filter(e -> !e.directory())
                .map(SandboxData.Entry::path)
                .toList();
        if (entries.isEmpty()) return;
        driver.create(dirs, names, SessionPool.START_TIMEOUT);
        for (String name : names) from.copyTo(to, name);
    }

    private static void emptyQuietly(SandboxData data, String name) {
        try {
            data.write(name, InputStream.nullInputStream());
        } catch (IOException | RuntimeException e) {
            // gone already
        }
    }

    /** What an execution produced and any notes for the model about files that could not be returned. */
    record Collected(List<OutputFile> files, String notes) {}

    /** Reads one output file: its content, null when larger than {@code maxBytes}, an exception when unusable. */
    @FunctionalInterface
    interface Reader {
        byte[] read(String name, long maxBytes) throws IOException;
    }

    /**
     * Reads the files the driver reported as created or changed, then adds the images. Files are returned up to
     * {@code maxFileBytes} in all; the others are named in the notes.
     */
    Collected collect(Path dir, List<String> names, List<byte[]> images) {
        return collect(
                (name, maxBytes) -> {
                    Path file = dir.resolve(name).normalize();
                    if (!file.startsWith(dir) || !file.toRealPath().equals(file)) {
                        throw new IOException("through a link");
                    }
                    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) throw new IOException("not a file");
                    return read(file, maxBytes);
                },
                names,
                images);
    }

    /** As {@link #collect(Path, List, List)}, reading the files with {@code reader}. */
    Collected collect(Reader reader, List<String> names, List<byte[]> images) {
        List<OutputFile> outputs = new ArrayList<>();
        StringBuilder notes = new StringBuilder();
        long budget = maxFileBytes;
        for (String name : names) {
            try {
                byte[] bytes = reader.read(name, budget);
                if (bytes == null) {
                    notes.append("\n[/mnt/data/")
                            .append(name)
                            .append(" was not returned: the files of one execution are returned up to ")
                            .append(maxFileBytes)
                            .append(" bytes in all]\n");
                } else {
                    budget -= bytes.length;
                    outputs.add(new OutputFile(name, bytes, false));
                }
            } catch (IOException e) {
                // removed or replaced meanwhile, or not a regular file: not an output
            }
        }
        for (int i = 0; i < images.size(); i++) {
            outputs.add(new OutputFile("figure-" + (i + 1) + ".png", images.get(i), true));
        }
        return new Collected(outputs, notes.toString());
    }

    /** The content of {@code file}, or null when it is larger than {@code maxBytes}. */
    private static byte[] read(Path file, long maxBytes) throws IOException {
        try (SeekableByteChannel channel =
                Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            long size = channel.size();
            if (size > maxBytes) return null;
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // keep reading
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /** Deletes the data directories a previous server process left behind (it stopped without closing them). */
    void deleteStale() {
        try (var entries = Files.list(workDir)) {
            entries.filter(p -> p.getFileName().toString().startsWith("s-")).forEach(this::delete);
        } catch (IOException e) {
            LoggerFactory.getLogger(SessionFiles.class).warn("could not list {}: {}", workDir, e.toString());
        }
    }

    /** Deletes {@code dir} and everything in it, links themselves rather than their targets; best effort. */
    void delete(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LoggerFactory.getLogger(SessionFiles.class).warn("could not delete {}: {}", dir, e.toString());
        }
    }

    @Override
    public void close() {
        if (deleteOnClose) delete(workDir);
    }
}
