package dev.assistants4j.testkit.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that yields half of its bytes and then fails, like a client that disconnects mid-upload. */
public final class BrokenStream extends InputStream {

    private final InputStream half;

    public BrokenStream(byte[] bytes) {
        this.half = new ByteArrayInputStream(bytes, 0, bytes.length / 2);
    }

    @Override
    public int read() throws IOException {
        int b = half.read();
        if (b < 0) {
            throw new IOException("connection reset by peer");
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = half.read(buffer, offset, length);
        if (n < 0) {
            throw new IOException("connection reset by peer");
        }
        return n;
    }
}
