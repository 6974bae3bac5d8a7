package dev.assistants4j.server.routing;

import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens a provider's stream up to its first event, without taking it: until then nothing of the answer can have
 * reached a client, so a failure may still be retried elsewhere. With a timeout the wait runs on a virtual thread and
 * a deployment that stays silent is abandoned (its stream closed, which aborts the request). Stateless.
 */
final class FirstEvent {

    private FirstEvent() {}

    /**
     * The stream of {@code request}, its first event arrived (or its end).
     *
     * @throws ProviderException when the call fails before its first event, or (retriable, status 0) when it does
     *     not reach it within {@code timeout}
     */
    static ProviderStream open(LlmProvider provider, ChatRequest request, Optional<Duration> timeout) {
        return timeout.isEmpty()
                ? openNow(provider, request, new AtomicReference<>())
                : openWithin(provider, request, timeout.get());
    }

    private static ProviderStream openNow(
            LlmProvider provider, ChatRequest request, AtomicReference<ProviderStream> opened) {
        ProviderStream stream = provider.stream(request);
        opened.set(stream);
        try {
            stream.hasNext();
            return stream;
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    private static ProviderStream openWithin(LlmProvider provider, ChatRequest request, Duration timeout) {
        AtomicReference<ProviderStream> opened = new AtomicReference<>();
        CompletableFuture<ProviderStream> result = new CompletableFuture<>();
        Thread opener = Thread.ofVirtual().name("first-event").start(() -> {
            try {
                result.complete(openNow(provider, request, opened));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(opener, opened, result);
            throw new ProviderException(
                    "The model provider did not answer within the router timeout of " + timeout.toMillis() + " ms.",
                    0,
                    true,
                    e);
        } catch (InterruptedException e) {
            abandon(opener, opened, result);
            Thread.currentThread().interrupt();
            throw new ProviderException("Interrupted while calling the model provider.", 0, false, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ProviderException("The call to the model provider failed.", 0, true, e.getCause());
        }
    }

    /** Closes the stream now if it was opened, or whenever it is. */
    private static void abandon(
            Thread opener, AtomicReference<ProviderStream> opened, CompletableFuture<ProviderStream> result) {
        result.thenAccept(ProviderStream::close);
        ProviderStream stream = opened.get();
        if (stream != null) {
            stream.close();
        }
        opener.interrupt();
    }
}
