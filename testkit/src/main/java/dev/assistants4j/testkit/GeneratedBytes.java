package dev.assistants4j.testkit;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * {@code length} pseudo-random bytes of a seed, made as they are read: never all in memory, so a test or a bench can
 * stream a blob larger than the heap through a store and compare {@link #sha256()} digests of what went in and what
 * came out. Not thread-safe, as any {@link InputStream}.
 */
public final class GeneratedBytes extends InputStream {

    private final SplittableRandom random;
    private long remaining;

    public GeneratedBytes(long length, long seed) {
        this.random = new SplittableRandom(seed);
        this.remaining = length;
    }

    /** A new SHA-256 digest, to wrap a stream in a {@link java.security.DigestInputStream}. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int off, int len) {
        if (remaining == 0) {
            return -1;
        }
        int count = (int) Math.min(len, remaining);
        for (int i = 0; i < count; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8 && i + j < count; j++) {
                bytes[off + i + j] = (byte) (value >>> (8 * j));
            }
        }
        remaining -= count;
        return count;
    }
}
