package dev.assistants4j.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.store.AssistantStore;
import dev.assistants4j.core.store.BlobStore;
import dev.assistants4j.core.store.Fence;
import dev.assistants4j.core.store.FencedStores;
import dev.assistants4j.core.store.FileStore;
import dev.assistants4j.core.store.KeyStore;
import dev.assistants4j.core.store.MessageStore;
import dev.assistants4j.core.store.ProjectStore;
import dev.assistants4j.core.store.RunLeaseStore;
import dev.assistants4j.core.store.RunStepStore;
import dev.assistants4j.core.store.RunStore;
import dev.assistants4j.core.store.SpendStore;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.core.store.TeamStore;
import dev.assistants4j.core.store.ThreadStore;
import dev.assistants4j.core.store.VectorStoreFileBatchStore;
import dev.assistants4j.core.store.VectorStoreFileStore;
import dev.assistants4j.core.store.VectorStoreStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The JDBI stores over one database, migrated by Flyway on open. The embedded default is a SQLite file in WAL mode
 * with {@code synchronous=FULL}, so a committed write survives a crash, checkpointed off the write path by a {@link
 * WalCheckpointer}; PostgreSQL serves several nodes on one
 * database. The same statements run on both (see {@link Dialect}). Thread-safe.
 */
public final class JdbcStores implements Stores {

    /** File name of the SQLite database inside the data directory. */
    public static final String SQLITE_FILE = "assistants4j.db";

    /** The size, in bytes, the WAL file is cut back to when it starts over after a checkpoint: 64 MiB. */
    static final long WAL_SIZE_LIMIT = 64L << 20;

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final Database db;
    private final AssistantStore assistants;
    private final ThreadStore threads;
    private final MessageStore messages;
    private final RunStore runs;
    private final RunStepStore runSteps;
    private final RunLeaseStore runLeases;
    private final FileStore files;
    private final VectorStoreStore vectorStores;
    private final VectorStoreFileStore vectorStoreFiles;
    private final VectorStoreFileBatchStore vectorStoreFileBatches;
    private final KeyStore keys;
    private final TeamStore teams;
    private final ProjectStore projects;
    private final Optional<BlobStore> blobs;
    private final JdbcSpendStore spend;
    /** SQLite's WAL checkpoints, off the write path; null on PostgreSQL. */
    private volatile WalCheckpointer checkpointer;
    /** The chunk indexes {@link #chunkIndex} started, closed with the stores. */
    private final List<ReplicatedChunkIndex> chunkIndexes = new CopyOnWriteArrayList<>();

    /** @param migrations where the migrations connect: the pool, or (PostgreSQL) unpooled connections of their own */
    private JdbcStores(HikariDataSource dataSource, DataSource migrations, Dialect dialect, DiskRoom room) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        Migrations.run(migrations, dialect);
        this.db = new Database(Jdbi.create(dataSource), dialect, room);
        this.assistants = new JdbcAssistantStore(db);
        this.threads = new JdbcThreadStore(db);
        this.messages = new JdbcMessageStore(FencedWrites.unfenced(db));
        this.runs = new JdbcRunStore(FencedWrites.unfenced(db));
        this.runSteps = new JdbcRunStepStore(FencedWrites.unfenced(db));
        this.runLeases = new JdbcRunLeaseStore(db);
        this.files = new JdbcFileStore(db);
        this.vectorStores = new JdbcVectorStoreStore(db);
        this.vectorStoreFiles = new JdbcVectorStoreFileStore(db);
        this.vectorStoreFileBatches = new JdbcVectorStoreFileBatchStore(db);
        this.keys = new JdbcKeyStore(db);
        this.teams = new JdbcTeamStore(db);
        this.projects = new JdbcProjectStore(db);
        this.blobs = dialect == Dialect.POSTGRESQL ? Optional.of(new PostgresBlobStore(db)) : Optional.empty();
        this.spend = new JdbcSpendStore(db);
    }

    /** Opens (creating if needed, readable by its owner only) the SQLite database in {@code dataDir}. */
    public static JdbcStores openSqlite(Path dataDir) {
        return openSqlite(dataDir, WalCheckpointer.Settings.DEFAULTS);
    }

    static JdbcStores openSqlite(Path dataDir, WalCheckpointer.Settings checkpoints) {
        DataDirectory.create(dataDir);
        // SQLite gives its -wal and -shm files the database file's permissions: rw------- for all three.
        DataDirectory.createPrivateFile(dataDir.resolve(SQLITE_FILE));
        SqliteNativeLibrary.keepIn(dataDir.resolve("cache").resolve("sqlite"));
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(30_000);
        sqlite.enforceForeignKeys(true);
        // Commits never checkpoint: WalCheckpointer does, on a thread of its own. After a checkpoint the log file is
        // cut back to this size when it starts over.
        sqlite.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "0");
        sqlite.setPragma(SQLiteConfig.Pragma.JOURNAL_SIZE_LIMIT, String.valueOf(WAL_SIZE_LIMIT));
        // A write transaction takes the write lock when it begins (there is one writer, so it waits for nobody but a
        // TRUNCATE checkpoint, through the busy timeout). A deferred one that read before such a checkpoint emptied
        // the log could not write after it: SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out (503 store_busy).
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqliteSource = new SQLiteDataSource(sqlite);
        sqliteSource.setUrl("jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath());
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqliteSource);
        pool.setPoolName("sqlite");
        pool.setMaximumPoolSize(8);
        HikariDataSource pooled = new HikariDataSource(pool);
        JdbcStores stores = new JdbcStores(pooled, pooled, Dialect.SQLITE, DiskRoom.of(dataDir));
        stores.checkpointer = new WalCheckpointer(
                sqliteSource,
                stores.db::commits,
                () -> stores.db.unwritableReason().isPresent(),
                checkpoints);
        return stores;
    }

    /**
     * Opens the PostgreSQL database at {@code url}, migrating it to this version's schema (one node at a time, however
     * many start together).
     *
     * @param poolSize the most connections this process holds
     * @param connectionTimeout how long a statement waits for a connection before it fails with a 503
     * @throws StoreOpenException naming the database when it cannot be reached or migrated
     */
    public static JdbcStores openPostgres(DatabaseUrl url, int poolSize, Duration connectionTimeout) {
        HikariDataSource dataSource;
        try {
            dataSource = PostgresPool.open(url, poolSize, connectionTimeout);
        } catch (RuntimeException e) {
            throw StoreOpenException.of(url, e);
        }
        try {
            // Migrating takes a connection for the lock and two for Flyway: more than a small pool may have.
            return new JdbcStores(dataSource, PostgresPool.unpooled(url), Dialect.POSTGRESQL, DiskRoom.UNWATCHED);
        } catch (RuntimeException e) {
            dataSource.close();
            throw StoreOpenException.of(url, e);
        }
    }

    /** Whether other nodes may use this database too (PostgreSQL), so that what a node keeps locally must follow it. */
    public boolean shared() {
        return dialect == Dialect.POSTGRESQL;
    }

    /**
     * The chunk index this node serves file_search from. On PostgreSQL, {@code local} kept a copy of the chunks every
     * node stores in the database (a {@link ReplicatedChunkIndex}, which closes {@code local} when it closes, and
     * closes with these stores); on SQLite, {@code local.index()} itself.
     *
     * @throws IllegalStateException when the database's chunks were embedded by another model than {@code local}'s
     */
    public ChunkIndex chunkIndex(LocalChunkIndex local) {
        return chunkIndex(local, ReplicatedChunkIndex.Settings.DEFAULTS);
    }

    ChunkIndex chunkIndex(LocalChunkIndex local, ReplicatedChunkIndex.Settings settings) {
        if (!shared()) {
            return local.index();
        }
        ReplicatedChunkIndex index = ReplicatedChunkIndex.start(db, local, settings);
        chunkIndexes.add(index);
        return index;
    }

    @Override
    public AssistantStore assistants() {
        return assistants;
    }

    @Override
    public ThreadStore threads() {
        return threads;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public RunStore runs() {
        return runs;
    }

    @Override
    public RunStepStore runSteps() {
        return runSteps;
    }

    @Override
    public RunLeaseStore runLeases() {
        return runLeases;
    }

    @Override
    public FileStore files() {
        return files;
    }

    @Override
    public VectorStoreStore vectorStores() {
        return vectorStores;
    }

    @Override
    public VectorStoreFileStore vectorStoreFiles() {
        return vectorStoreFiles;
    }

    @Override
    public VectorStoreFileBatchStore vectorStoreFileBatches() {
        return vectorStoreFileBatches;
    }

    @Override
    public KeyStore keys() {
        return keys;
    }

    @Override
    public TeamStore teams() {
        return teams;
    }

    @Override
    public ProjectStore projects() {
        return projects;
    }

    /**
     * The content of uploaded files in this database, where every node reads it: present on PostgreSQL (sharing this
     * pool, see {@link PostgresBlobStore}), empty on SQLite, whose single node keeps it in a {@link LocalBlobStore}.
     */
    public Optional<BlobStore> blobs() {
        return blobs;
    }

    /** The spend log, its totals, the shared rate-limit counts and the key of each run. */
    public SpendStore spend() {
        return spend;
    }

    /** SQLite's checkpoint thread (for tests in this package); null on PostgreSQL. */
    WalCheckpointer checkpointer() {
        return checkpointer;
    }

    /** The database these stores write through (for tests in this package). */
    Database database() {
        return db;
    }

    @Override
    public Stores fenced(Fence fence) {
        FencedWrites writes = new FencedWrites(db, Optional.of(fence));
        return new FencedStores(
                this, new JdbcRunStore(writes), new JdbcRunStepStore(writes), new JdbcMessageStore(writes));
    }

    @Override
    public boolean healthy() {
        try {
            return db.read(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean writable() {
        return db.writable();
    }

    @Override
    public void close() {
        chunkIndexes.forEach(ReplicatedChunkIndex::close);
        db.close();
        if (checkpointer != null) {
            checkpointer.close();
        }
        dataSource.close();
    }
}
