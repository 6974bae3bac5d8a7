package dev.assistants4j.core.code;

import java.util.Objects;

/**
 * A file an execution produced.
 *
 * @param name for a file the code wrote: its path relative to {@code /mnt/data} (e.g. {@code out/chart.png}); for
 *     an image: {@code figure-<n>.png}, numbered within the execution
 * @param content the bytes, as they were when the execution ended
 * @param image true for a PNG rendered from a matplotlib figure that was shown ({@code plt.show()}) or left open
 *     at the end of the code; such images are not files in {@code /mnt/data}. False for files the code wrote, even
 *     PNGs it saved itself
 */
public record OutputFile(String name, byte[] content, boolean image) {

    public OutputFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    /** The size of the content in bytes. */
    public int size() {
        return content.length;
    }
}
