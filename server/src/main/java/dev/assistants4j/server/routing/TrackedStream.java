package dev.assistants4j.server.routing;

import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A deployment's stream that counts as in flight (for least-busy) until it ends or is closed. Not thread-safe, as
 * any {@link ProviderStream}; closing it from another thread is safe.
 */
final class TrackedStream implements ProviderStream {

    private final ProviderStream delegate;
    private final DeploymentHealth health;
    private final AtomicBoolean ended = new AtomicBoolean();

    TrackedStream(ProviderStream delegate, DeploymentHealth health) {
        this.delegate = delegate;
        this.health = health;
    }

    @Override
    public boolean hasNext() {
        try {
            boolean more = delegate.hasNext();
            if (!more) {
                end();
            }
            return more;
        } catch (RuntimeException e) {
            end();
            throw e;
        }
    }

    @Override
    public ProviderEvent next() {
        return delegate.next();
    }

    @Override
    public void close() {
        end();
        delegate.close();
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            health.ended();
        }
    }
}
