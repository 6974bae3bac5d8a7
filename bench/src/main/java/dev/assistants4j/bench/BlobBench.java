package dev.assistants4j.bench;

import dev.assistants4j.core.store.BlobStore;
import dev.assistants4j.server.config.DatabaseConfig;
import dev.assistants4j.store.DatabaseUrl;
import dev.assistants4j.store.JdbcStores;
import dev.assistants4j.testkit.GeneratedBytes;
import dev.assistants4j.testkit.SqlColumn;
import dev.assistants4j.testkit.TestPostgres;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.DigestInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Time and heap of storing one large blob in PostgreSQL and reading it back, through the blob store the server uses
 * there ({@code JdbcStores.openPostgres(...).blobs()}).
 *
 * <p>The content is pseudo-random bytes (incompressible, so PostgreSQL's compression gives up at once), generated
 * while it is put and hashed with SHA-256 on the way in and on the way out: neither the bench nor the store holds it
 * in memory, which running with a heap much smaller than the blob shows ({@code bench/blobs.sh} runs with {@code
 * -Xmx256m}). A baseline in the same run times the generation and hashing alone. Steps: the put (one transaction,
 * durable when it returns), opening and reading the whole blob, deleting it. For each: wall time, throughput, the sum
 * of the heap pools' peak use during the step (an upper bound on the live heap) and the garbage collections.
 *
 * <p>Options: {@code --mib N} (the blob's size in MiB, default 512), {@code --database URL} (a PostgreSQL URL as the
 * server takes it; default: a fresh schema on the local test server, as the tests use, dropped afterwards). Prints a
 * Markdown report to standard output.
 */
public final class BlobBench {

    private static final Progress PROGRESS = new Progress("bench");

    private static final long MIB = 1024 * 1024;

    private BlobBench() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        long bytes = options.mib() * MIB;
        TestPostgres schema = options.database() == null ? TestPostgres.create() : null;
        DatabaseUrl url = DatabaseUrl.parse(schema != null ? schema.url() : options.database());
        try (JdbcStores stores = JdbcStores.openPostgres(
                url, DatabaseConfig.DEFAULT_POOL_LIMIT, DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT)) {
            BlobStore blobs = stores.blobs().orElseThrow();
            String key = "file-blobbench" + System.nanoTime();

            PROGRESS.print("baseline: generating and hashing %d MiB", options.mib());
            Step baseline = Step.start();
            DigestInputStream alone = new DigestInputStream(new GeneratedBytes(bytes, 1), GeneratedBytes.sha256());
            alone.transferTo(OutputStream.nullOutputStream());
            baseline = baseline.end();

            PROGRESS.print("put: %d MiB", options.mib());
            DigestInputStream in = new DigestInputStream(new GeneratedBytes(bytes, 1), GeneratedBytes.sha256());
            Step put = Step.start();
            blobs.put(key, in);
            put = put.end();
            String putHash = HexFormat.of().formatHex(in.getMessageDigest().digest());
            long size = blobs.size(key);
            String onDisk = onDisk(url);

            PROGRESS.print("read: %d MiB", options.mib());
            Step read = Step.start();
            DigestInputStream out;
            long readBytes;
            try (InputStream stream = blobs.open(key)) {
                out = new DigestInputStream(stream, GeneratedBytes.sha256());
                readBytes = out.transferTo(OutputStream.nullOutputStream());
            }
            read = read.end();
            String readHash = HexFormat.of().formatHex(out.getMessageDigest().digest());

            PROGRESS.print("delete");
            Step delete = Step.start();
            boolean deleted = blobs.delete(key);
            delete = delete.end();

            if (size != bytes || readBytes != bytes || !putHash.equals(readHash) || !deleted) {
                throw new IllegalStateException("the blob did not round-trip: size " + size + ", read " + readBytes
                        + ", SHA-256 in " + putHash + " out " + readHash + ", deleted " + deleted);
            }
            System.out.print(report(options, url, bytes, putHash, onDisk, baseline, put, read, delete));
        } finally {
            if (schema != null) {
                schema.close();
            }
        }
    }

    private static String report(
            Options options,
            DatabaseUrl url,
            long bytes,
            String hash,
            String onDisk,
            Step baseline,
            Step put,
            Step read,
            Step delete) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Blob: %,d bytes (%d MiB) of pseudo-random (incompressible) bytes, generated while being put and"
                        + " hashed with SHA-256 on the way in and out; chunks of 1 MiB. Database: %s (%s), pool of %d (the server's default)."
                        + " JVM: max heap **%d MiB** (`Runtime.maxMemory`; JVM options: `%s`).%n%n",
                bytes,
                options.mib(),
                url.display(),
                serverVersion(url),
                DatabaseConfig.DEFAULT_POOL_LIMIT,
                Runtime.getRuntime().maxMemory() / MIB,
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())));
        out.append("| step | **wall** | MB/s | heap peak (sum of pools) | GCs (their time) |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        row(out, "generate + SHA-256 only (baseline, no database)", bytes, baseline);
        row(out, "**put** (one transaction, durable when it returns)", bytes, put);
        row(out, "**open + read** + SHA-256", bytes, read);
        row(out, "delete", 0, delete);
        out.append(String.format(
                Locale.ROOT,
                "%nThe SHA-256 of what was read equals that of what was put (%s…). On disk after the put: %s.%n",
                hash.substring(0, 16),
                onDisk));
        return out.toString();
    }

    private static void row(StringBuilder out, String step, long bytes, Step measured) {
        double seconds = measured.nanos() / 1e9;
        out.append(String.format(
                Locale.ROOT,
                "| %s | %.2f s | %s | %d MiB | %d (%d ms) |%n",
                step,
                seconds,
                bytes > 0 ? String.format(Locale.ROOT, "%.0f", bytes / 1e6 / seconds) : "–",
                measured.heapPeak() / MIB,
                measured.gcCount(),
                measured.gcMillis()));
    }

    /** The size of the chunks' table with its TOAST table and index. */
    private static String onDisk(DatabaseUrl url) {
        return query(
                        url,
                        "SELECT pg_size_pretty(pg_total_relation_size('blob_chunks')) || ' in blob_chunks (with its"
                                + " TOAST table and index), ' || (SELECT count(*) FROM blob_chunks) || ' chunks'")
                .getFirst();
    }

    private static String serverVersion(DatabaseUrl url) {
        return "PostgreSQL " + query(url, "SHOW server_version").getFirst();
    }

    private static List<String> query(DatabaseUrl url, String sql) {
        try (Connection connection = DriverManager.getConnection(
                url.jdbcUrl(), url.user().orElse(null), url.password().orElse(null))) {
            return SqlColumn.strings(connection, sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot query " + url.display() + ": " + e.getMessage(), e);
        }
    }

    /** A measured step: its wall time, the heap pools' summed peak use during it, and its garbage collections. */
    private record Step(long nanos, long heapPeak, long gcCount, long gcMillis) {

        /** Resets the pools' peaks and notes the collector counts; {@link #end} gives the measurement. */
        static Step start() {
            heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
            return new Step(System.nanoTime(), 0, collections(), collectionMillis());
        }

        Step end() {
            long peak = heapPools().stream()
                    .mapToLong(pool -> pool.getPeakUsage().getUsed())
                    .sum();
            return new Step(System.nanoTime() - nanos, peak, collections() - gcCount, collectionMillis() - gcMillis);
        }

        private static List<MemoryPoolMXBean> heapPools() {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .toList();
        }

        private static long collections() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                    .sum();
        }

        private static long collectionMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                    .sum();
        }
    }

    /** The command-line options; {@code database} is null for a fresh schema on the local test server. */
    record Options(int mib, String database) {
        static Options parse(String[] args) {
            BenchArgs options = BenchArgs.parse(args, "--mib", "--database");
            return new Options(options.positive("--mib", 512), options.text("--database", null));
        }
    }
}
