package dev.assistants4j.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PlatformThreadEmbedderTest {

    /** Records the thread each call ran on. */
    private static final class Recording implements Embedder {
        final List<Thread> threads = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public int dimensions() {
            return 1;
        }

        @Override
        public synchronized List<float[]> embed(List<String> texts) {
            threads.add(Thread.currentThread());
            if (texts.contains("boom")) {
                throw new EmbeddingException("model failed", null);
            }
            return texts.stream().map(text -> new float[] {1f}).toList();
        }
    }

    @Test
    void calls_from_virtual_threads_run_on_platform_threads_and_others_run_directly() throws Exception {
        // given
        Recording model = new Recording();
        try (PlatformThreadEmbedder embedder = new PlatformThreadEmbedder(model, 1)) {
            AtomicReference<List<float[]>> fromVirtual = new AtomicReference<>();

            // when
            Thread.ofVirtual()
                    .start(() -> fromVirtual.set(embedder.embed(List.of("a", "b"))))
                    .join();
            List<float[]> direct = embedder.embed(List.of("c"));

            // then
            assertThat(fromVirtual.get()).hasSize(2);
            assertThat(direct).hasSize(1);
            assertThat(model.threads.get(0).isVirtual()).isFalse();
            assertThat(model.threads.get(0).getName()).startsWith("embedder-");
            assertThat(model.threads.get(1)).isSameAs(Thread.currentThread());
            assertThat(embedder.name()).isEqualTo("recording");
        }
    }

    @Test
    void a_failure_on_the_platform_thread_reaches_the_caller_as_is() throws Exception {
        // given
        try (PlatformThreadEmbedder embedder = new PlatformThreadEmbedder(new Recording(), 1)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();

            // when
            Thread.ofVirtual()
                    .start(() -> {
                        try {
                            embedder.embed(List.of("boom"));
                        } catch (RuntimeException e) {
                            failure.set(e);
                        }
                    })
                    .join();

            // then
            assertThat(failure.get()).isInstanceOf(EmbeddingException.class).hasMessage("model failed");
        }
    }

    @Test
    void close_closes_the_wrapped_model() {
        // given
        AutoCloseableEmbedder model = new AutoCloseableEmbedder();

        // when
        new PlatformThreadEmbedder(model, 1).close();

        // then
        assertThat(model.closed).isTrue();
    }

    private static final class AutoCloseableEmbedder implements Embedder, AutoCloseable {
        boolean closed;

        @Override
        public String name() {
            return "closeable";
        }

        @Override
        public int dimensions() {
            return 1;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return List.of();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
