package dev.assistants4j.testkit.retrieval;

import dev.assistants4j.core.search.ExtractionException;
import dev.assistants4j.core.search.TextExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads every file as UTF-8 text. Names ending {@code .bin} or {@code .png} are {@code unsupported_file}; a file whose
 * content is {@code CORRUPT} or blank is {@code invalid_file}. Tests can {@link #pause()} it to hold files in
 * progress: extraction then waits (at most 30 seconds) until {@link #resume()}. Thread-safe.
 */
public final class TestExtractor implements TextExtractor {

    private static final long MAX_PAUSE_SECONDS = 30;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resumed = lock.newCondition();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger extracted = new AtomicInteger();
    private boolean paused;

    @Override
    public String extract(String filename, InputStream content) throws ExtractionException {
        awaitResume();
        String lower = filename.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".bin") || lower.endsWith(".png")) {
            throw new ExtractionException(
                    ExtractionException.UNSUPPORTED_FILE, "Files of this type are not supported.");
        }
        String text;
        try {
            text = new String(content.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.isBlank() || text.strip().equals("CORRUPT")) {
            throw new ExtractionException(ExtractionException.INVALID_FILE, "The file could not be parsed.");
        }
        extracted.incrementAndGet();
        return text;
    }

    /** From now on, extraction waits until {@link #resume()}. */
    public void pause() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    /** Lets waiting and later extractions proceed. */
    public void resume() {
        lock.lock();
        try {
            paused = false;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many extractions are waiting in {@link #pause()}. */
    public int waiting() {
        return waiting.get();
    }

    /** How many files were read successfully so far. */
    public int extracted() {
        return extracted.get();
    }

    private void awaitResume() {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_PAUSE_SECONDS);
            waiting.incrementAndGet();
            try {
                while (paused && System.nanoTime() < deadline) {
                    resumed.awaitNanos(deadline - System.nanoTime());
                }
            } finally {
                waiting.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while paused", e);
        } finally {
            lock.unlock();
        }
    }
}
