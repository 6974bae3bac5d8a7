package dev.assistants4j.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A sandbox's private {@code /mnt/data} (a size-capped tmpfs in its mount namespace), reached from the host through
 * a directory handle opened once while the sandbox runs ({@code /proc/<pid>/root/mnt/data}), so that a reused pid
 * can never redirect it. Every path is walked one name at a time without following links: the files were made by
 * untrusted code. The handle keeps the file system (and its files) alive after the sandbox ends, until
 * {@link #close}.
 */
final class SandboxData implements AutoCloseable {

    /** Directories deeper than this are left out of {@link #entries}. */
    private static final int MAX_DEPTH = 32;

    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> WRITE =
            Set.of(StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);

    private final SecureDirectoryStream<Path> root;

    private SandboxData(SecureDirectoryStream<Path> root) {
        this.root = root;
    }

    /** Opens the {@code /mnt/data} of the sandbox process {@code pid} (as seen from the host). */
    static SandboxData open(long pid) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "root/mnt/data"));
        if (stream instanceof SecureDirectoryStream<Path> secure) return new SandboxData(secure);
        stream.close();
        throw new IOException("this platform cannot open directories securely");
    }

    /** A directory or regular file, by its {@code /}-separated path. */
    record Entry(String path, boolean directory) {}

    /**
     * The directories and regular files (not links or others), parents first, at most {@code max} of them and
     * {@value #MAX_DEPTH} directories deep.
     */
    List<Entry> entries(int max) throws IOException {
        List<Entry> entries = new ArrayList<>();
        list(root, "", entries, max, 0);
        return entries;
    }

    private static void list(SecureDirectoryStream<Path> dir, String prefix, List<Entry> into, int max, int depth)
            throws IOException {
        try (SecureDirectoryStream<Path> listing = dir.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS)) {
            for (Path child : listing) {
                if (into.size() >= max) return;
                Path name = child.getFileName();
                BasicFileAttributes attributes = attributes(dir, name);
                String path = prefix + name;
                if (attributes.isRegularFile()) {
                    into.add(new Entry(path, false));
                } else if (attributes.isDirectory() && depth < MAX_DEPTH) {
                    into.add(new Entry(path, true));
                    try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                        list(sub, path + "/", into, max, depth + 1);
                    }
                }
            }
        }
    }

    /** Replaces the content of {@code relative}, an existing regular file (made by the driver), with {@code in}. */
    void write(String relative, InputStream in) throws IOException {
        try (SeekableByteChannel channel = open(relative, WRITE);
                OutputStream out = Channels.newOutputStream(channel)) {
            in.transferTo(out);
        }
    }

    /** Copies the regular file {@code relative} into the existing regular file of that path in {@code target}. */
    void copyTo(SandboxData target, String relative) throws IOException {
        try (SeekableByteChannel channel = open(relative, READ);
                InputStream in = Channels.newInputStream(channel)) {
            target.write(relative, in);
        }
    }

    /**
     * The content of the regular file at {@code relative}, or null when it is larger than {@code maxBytes}.
     *
     * @throws IOException when it is not there, not a regular file, or reached through a link
     */
    byte[] read(String relative, long maxBytes) throws IOException {
        try (SeekableByteChannel channel = open(relative, READ)) {
            long size = channel.size();
            if (size > maxBytes) return null;
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // keep reading
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /** Opens the regular file at {@code relative}, walking its directories without following links. */
    private SeekableByteChannel open(String relative, Set<OpenOption> options) throws IOException {
        List<String> names = new ArrayList<>(Arrays.asList(relative.split("/")));
        if (names.stream().anyMatch(n -> n.isEmpty() || n.equals(".") || n.equals(".."))) {
            throw new IOException("not a plain relative path");
        }
        Path last = Path.of(names.removeLast());
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        try {
            SecureDirectoryStream<Path> dir = root;
            for (String name : names) {
                dir = dir.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
                opened.add(dir);
            }
            if (!attributes(dir, last).isRegularFile()) throw new IOException(relative + " is not a regular file");
            return dir.newByteChannel(last, options);
        } finally {
            for (SecureDirectoryStream<Path> dir : opened) dir.close();
        }
    }

    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        return dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
