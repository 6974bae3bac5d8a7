package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.assistants4j.core.error.ServiceUnavailableException;
import dev.assistants4j.core.store.BlobStore;
import dev.assistants4j.testkit.GeneratedBytes;
import dev.assistants4j.testkit.SqlColumn;
import dev.assistants4j.testkit.TestPostgres;
import dev.assistants4j.testkit.store.BlobStoreContract;
import dev.assistants4j.testkit.store.BrokenStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blob store contract on PostgreSQL, each test on a schema of its own, plus what the contract does not cover:
 * streaming large content, chunks fetched only when read, readers of a blob replaced or deleted meanwhile, puts in
 * progress and concurrent puts of one key, and a database that cannot be reached.
 */
class PostgresBlobStoreTest extends BlobStoreContract {

    private static final int CHUNK = PostgresBlobStore.CHUNK_SIZE;
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private TestPostgres database;
    private JdbcStores stores;
    private BlobStore blobs;

    @BeforeEach
    void open() {
        database = TestPostgres.create();
        stores = JdbcStores.openPostgres(DatabaseUrl.parse(database.url()), 4, CONNECTION_TIMEOUT);
        blobs = stores.blobs().orElseThrow();
    }

    @AfterEach
    void close() {
        stores.close();
        database.close();
    }

    @Override
    protected BlobStore blobs() {
        return blobs;
    }

    /** The keys of the blobs, and every chunk that is not of its key's current version, as {@code key/version/n}. */
    @Override
    protected List<String> stored() {
        return strings("SELECT key FROM blobs UNION ALL"
                + " SELECT c.key || '/' || c.version || '/' || c.n FROM blob_chunks c WHERE NOT EXISTS"
                + " (SELECT 1 FROM blobs b WHERE b.key = c.key AND b.version = c.version) ORDER BY 1");
    }

    @Test
    void sixty_four_mib_stream_in_and_out_in_chunks_with_the_same_sha256() throws IOException {
        // given
        long length = 64L * 1024 * 1024 + 12_345;
        DigestInputStream written = new DigestInputStream(new GeneratedBytes(length, 7), GeneratedBytes.sha256());

        // when
        blobs.put("file-big", written);
        DigestInputStream read;
        try (InputStream in = blobs.open("file-big")) {
            read = new DigestInputStream(in, GeneratedBytes.sha256());
            assertThat(read.transferTo(OutputStream.nullOutputStream())).isEqualTo(length);
        }

        // then
        assertThat(read.getMessageDigest().digest())
                .isEqualTo(written.getMessageDigest().digest());
        assertThat(blobs.size("file-big")).isEqualTo(length);
        assertThat(strings("SELECT count(*) || ' chunks, the largest ' || max(length(data)) || ' bytes, the last '"
                        + " || min(length(data)) FROM blob_chunks WHERE key = 'file-big'"))
                .containsExactly("65 chunks, the largest " + CHUNK + " bytes, the last 12345");
    }

    @Test
    void a_put_whose_input_fails_after_some_chunks_leaves_none_of_them() {
        // given
        InputStream failsAfterTwoAndAHalfChunks = new BrokenStream(randomBytes(5 * CHUNK));

        // when
        assertThatThrownBy(() -> blobs.put("file-broken", failsAfterTwoAndAHalfChunks))
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("connection reset by peer");

        // then
        assertThat(stored()).isEmpty();
        assertThat(strings("SELECT count(*) FROM blob_chunks")).containsExactly("0");
    }

    @Test
    void a_put_whose_input_fails_leaves_the_earlier_blob_under_the_key_as_it_was() throws IOException {
        // given
        byte[] earlier = randomBytes(CHUNK * 2 + 100);
        blobs.put("file-x", new ByteArrayInputStream(earlier));

        // when
        assertThatThrownBy(() -> blobs.put("file-x", new BrokenStream(new byte[CHUNK * 5])))
                .isInstanceOf(UncheckedIOException.class);

        // then
        assertThat(read("file-x")).isEqualTo(earlier);
        assertThat(blobs.size("file-x")).isEqualTo(earlier.length);
        assertThat(stored()).containsExactly("file-x");
    }

    @Test
    void replacing_a_blob_leaves_only_the_new_chunks() throws IOException {
        // given
        blobs.put("file-x", new ByteArrayInputStream(randomBytes(CHUNK * 3)));
        byte[] replacement = filled(CHUNK + 1, 9);

        // when
        blobs.put("file-x", new ByteArrayInputStream(replacement));

        // then
        assertThat(read("file-x")).isEqualTo(replacement);
        assertThat(strings("SELECT count(*) FROM blob_chunks")).containsExactly("2");
        assertThat(stored()).containsExactly("file-x");
    }

    @Test
    void the_stream_fetches_a_chunk_only_when_it_is_read_and_fails_once_the_blob_is_deleted() throws IOException {
        // given
        byte[] content = randomBytes(CHUNK * 3);
        blobs.put("file-a", new ByteArrayInputStream(content));

        try (InputStream in = blobs.open("file-a")) {
            byte[] start = in.readNBytes(10);

            // when
            assertThat(blobs.delete("file-a")).isTrue();

            // then: the first chunk was fetched whole, the second was not fetched yet
            assertThat(in.available()).isEqualTo(CHUNK - 10);
            byte[] restOfFirstChunk = in.readNBytes(CHUNK - 10);
            assertThat(concat(start, restOfFirstChunk)).isEqualTo(Arrays.copyOf(content, CHUNK));
            assertThatThrownBy(in::read)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("file-a was deleted or replaced while it was read");
        }
    }

    @Test
    void a_reader_of_a_replaced_blob_fails_rather_than_read_the_new_content() throws IOException {
        // given
        byte[] first = filled(CHUNK * 2, 1);
        byte[] second = filled(CHUNK * 2, 2);
        blobs.put("file-a", new ByteArrayInputStream(first));

        try (InputStream in = blobs.open("file-a")) {
            assertThat(in.readNBytes(CHUNK)).containsOnly(1);

            // when
            blobs.put("file-a", new ByteArrayInputStream(second));

            // then
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("replaced");
        }
        assertThat(read("file-a")).isEqualTo(second);
    }

    @Test
    void open_streams_hold_no_connection() throws IOException {
        // given: more streams than the pool's 4 connections, each with a chunk fetched
        byte[] content = randomBytes(CHUNK + 500);
        blobs.put("file-a", new ByteArrayInputStream(content));
        List<InputStream> streams = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            InputStream in = blobs.open("file-a");
            assertThat(in.read()).isEqualTo(content[0] & 0xff);
            streams.add(in);
        }

        // when / then: a stream that kept its connection would leave the later ones none (503 after the timeout)
        for (InputStream in : streams) {
            try (in) {
                assertThat(concat(new byte[] {content[0]}, in.readAllBytes())).isEqualTo(content);
            }
        }
        assertThat(blobs.size("file-a")).isEqualTo(content.length);
    }

    @Test
    void skip_passes_chunks_without_fetching_them() throws IOException, SQLException {
        // given
        byte[] content = randomBytes(CHUNK * 3 + 77);
        blobs.put("file-a", new ByteArrayInputStream(content));

        try (InputStream in = blobs.open("file-a")) {
            // when: the chunks skipped over are gone, which a fetch of them would find
            execute("DELETE FROM blob_chunks WHERE key = 'file-a' AND n < 2");
            long skipped = in.skip(CHUNK * 2L + 5);

            // then
            assertThat(skipped).isEqualTo(CHUNK * 2L + 5);
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, CHUNK * 2 + 5, content.length));
            assertThat(in.skip(10)).isZero();
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void an_empty_blob_has_no_chunk_and_reads_as_empty() throws IOException {
        // when
        blobs.put("file-empty", InputStream.nullInputStream());

        // then
        assertThat(read("file-empty")).isEmpty();
        assertThat(blobs.size("file-empty")).isZero();
        assertThat(strings("SELECT count(*) FROM blob_chunks")).containsExactly("0");
    }

    @Test
    void a_put_in_progress_is_not_stored_yet_and_counts_as_stored_when_it_commits() throws Exception {
        // given
        HeldAtEnd held = new HeldAtEnd(randomBytes(CHUNK + 10));
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> put = executor.submit(() -> blobs.put("file-slow", held));
            held.reachedEnd.await();

            // when: the put has written its first chunk and waits for the end of its input
            Instant whileInProgress = Instant.EPOCH.plus(
                    Long.parseLong(strings("SELECT floor(extract(epoch FROM clock_timestamp()) * 1000000)::bigint")
                            .getFirst()),
                    ChronoUnit.MICROS);
            List<String> keysMeanwhile = blobs.keysStoredBefore(Instant.now().plusSeconds(60));
            assertThatThrownBy(() -> blobs.open("file-slow")).hasCauseInstanceOf(NoSuchFileException.class);
            held.release.countDown();
            put.get();

            // then
            assertThat(keysMeanwhile).isEmpty();
            assertThat(blobs.keysStoredBefore(whileInProgress)).isEmpty();
            assertThat(blobs.keysStoredBefore(Instant.now().plusSeconds(60))).containsExactly("file-slow");
            assertThat(read("file-slow")).isEqualTo(randomBytes(CHUNK + 10));
        }
    }

    @Test
    void of_two_puts_of_one_key_the_last_to_commit_is_kept_whole() throws Exception {
        // given: a put that has written its chunks, then waits for the end of its input
        byte[] slow = filled(CHUNK * 2, 1);
        byte[] fast = filled(CHUNK * 3, 2);
        HeldAtEnd held = new HeldAtEnd(slow);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = executor.submit(() -> blobs.put("file-x", held));
            held.reachedEnd.await();

            // when: another put of the key commits meanwhile, then the first one does
            blobs.put("file-x", new ByteArrayInputStream(fast));
            assertThat(read("file-x")).isEqualTo(fast);
            held.release.countDown();
            first.get();
        }

        // then
        assertThat(read("file-x")).isEqualTo(slow);
        assertThat(stored()).containsExactly("file-x");
        assertThat(strings("SELECT count(*) FROM blob_chunks")).containsExactly("2");
    }

    @Test
    void a_database_that_cannot_be_reached_is_a_503_and_an_io_failure_of_an_open_stream() throws IOException {
        // given: a store whose connections can be cut, with a stream open on its first chunk
        byte[] content = randomBytes(CHUNK * 2);
        try (HikariDataSource pool = PostgresPool.open(DatabaseUrl.parse(database.url()), 2, CONNECTION_TIMEOUT)) {
            CuttableDataSource cuttable = new CuttableDataSource(pool);
            PostgresBlobStore store = new PostgresBlobStore(new Database(Jdbi.create(cuttable), Dialect.POSTGRESQL));
            store.put("file-a", new ByteArrayInputStream(content));
            InputStream in = store.open("file-a");
            assertThat(in.read()).isEqualTo(content[0] & 0xff);

            // when
            cuttable.cut = true;

            // then
            assertThatThrownBy(() -> store.put("file-b", new ByteArrayInputStream(new byte[] {1})))
                    .isInstanceOf(ServiceUnavailableException.class)
                    .satisfies(e -> assertThat(((ServiceUnavailableException) e).status())
                            .isEqualTo(503));
            assertThatThrownBy(() -> store.open("file-a")).isInstanceOf(ServiceUnavailableException.class);
            assertThatThrownBy(() -> store.size("file-a")).isInstanceOf(ServiceUnavailableException.class);
            assertThatThrownBy(() -> store.delete("file-a")).isInstanceOf(ServiceUnavailableException.class);
            assertThatThrownBy(() -> store.keysStoredBefore(Instant.now()))
                    .isInstanceOf(ServiceUnavailableException.class);
            assertThat(in.skip(CHUNK - 1)).isEqualTo(CHUNK - 1); // the rest of the chunk it holds
            assertThatThrownBy(in::read)
                    .isInstanceOf(IOException.class)
                    .hasCauseInstanceOf(ServiceUnavailableException.class);

            // and when the database is back, the stream goes on where it stopped
            cuttable.cut = false;
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, CHUNK, content.length));
            in.close();
            assertThat(store.keysStoredBefore(Instant.now().plusSeconds(60))).containsExactly("file-a");
        }
    }

    @Test
    void a_closed_stream_refuses_reads() throws IOException {
        // given
        blobs.put("file-a", new ByteArrayInputStream(new byte[] {1, 2, 3}));
        InputStream in = blobs.open("file-a");
        assertThat(in.read()).isEqualTo(1);

        // when
        in.close();

        // then
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void only_postgresql_keeps_blobs_in_the_database(@TempDir Path dataDir) {
        // when
        try (JdbcStores sqlite = JdbcStores.openSqlite(dataDir)) {
            // then
            assertThat(sqlite.blobs()).isEmpty();
            assertThat(stores.blobs()).containsInstanceOf(PostgresBlobStore.class);
        }
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = blobs.open(key)) {
            return in.readAllBytes();
        }
    }

    private List<String> strings(String sql) {
        try (Connection connection = database.connect()) {
            return SqlColumn.strings(connection, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** {@code length} bytes, each {@code value}. */
    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** Yields its bytes, then, before saying it has ended, waits until released. */
    private static final class HeldAtEnd extends InputStream {

        final CountDownLatch reachedEnd = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final InputStream bytes;

        HeldAtEnd(byte[] bytes) {
            this.bytes = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int count = bytes.read(buffer, off, len);
            if (count < 0) {
                reachedEnd.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            return count;
        }
    }

    /** A data source that, while cut, fails to connect as pgjdbc does when the server cannot be reached. */
    private static final class CuttableDataSource implements DataSource {

        private final DataSource delegate;
        volatile boolean cut;

        CuttableDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (cut) {
                throw new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
            }
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLException("not used");
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
