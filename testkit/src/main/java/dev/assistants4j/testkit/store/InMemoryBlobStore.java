package dev.assistants4j.testkit.store;

import dev.assistants4j.core.store.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A {@link BlobStore} in memory, with the local store's key rule and all-or-nothing writes; passes {@code
 * BlobStoreContract}. Thread-safe.
 */
public final class InMemoryBlobStore implements BlobStore {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private record Blob(byte[] bytes, Instant storedAt) {}

    private final Map<String, Blob> blobs = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryBlobStore() {
        this(Clock.systemUTC());
    }

    /** A store that stamps each write with {@code clock}'s instant (for {@link #keysStoredBefore}). */
    public InMemoryBlobStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void put(String key, InputStream content) {
        check(key);
        try {
            blobs.put(key, new Blob(content.readAllBytes(), clock.instant()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store " + key, e);
        }
    }

    @Override
    public InputStream open(String key) {
        return new ByteArrayInputStream(blob(key).bytes());
    }

    @Override
    public List<String> keysStoredBefore(Instant instant) {
        return blobs.entrySet().stream()
                .filter(e -> e.getValue().storedAt().isBefore(instant))
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public boolean delete(String key) {
        check(key);
        return blobs.remove(key) != null;
    }

    @Override
    public long size(String key) {
        return blob(key).bytes().length;
    }

    /** Every stored key, sorted. */
    public List<String> keys() {
        return blobs.keySet().stream().sorted().toList();
    }

    private Blob blob(String key) {
        check(key);
        Blob blob = blobs.get(key);
        if (blob == null) {
            throw new UncheckedIOException(new NoSuchFileException(key));
        }
        return blob;
    }

    private static void check(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Invalid blob key: " + key);
        }
    }
}
