package dev.assistants4j.store;

/**
 * What differs between the databases the stores run on; the SQL itself is the same. Statements that read rows they
 * then change write {@code <for_update>}, which locks the rows where other transactions could change them meanwhile.
 */
enum Dialect {
    /**
     * One file: all writes go through one group-committing writer (see {@link GroupCommitWriter}), so a transaction
     * that reads and then writes is alone and needs no row locks.
     */
    SQLITE("sqlite", 10, true, "", "", new SqliteFailures()),
    /** Many connections, many nodes: writes run concurrently on the caller's thread, with row locks where needed. */
    POSTGRESQL("postgresql", 7, false, "FOR UPDATE", "FOR SHARE", new PostgresFailures());

    private final String migrations;
    private final int latestMigration;
    private final boolean singleWriter;
    private final String forUpdate;
    private final String forShare;
    private final StoreFailures failures;

    Dialect(
            String migrations,
            int latestMigration,
            boolean singleWriter,
            String forUpdate,
            String forShare,
            StoreFailures failures) {
        this.migrations = migrations;
        this.latestMigration = latestMigration;
        this.singleWriter = singleWriter;
        this.forUpdate = forUpdate;
        this.forShare = forShare;
        this.failures = failures;
    }

    /** Flyway's location of this database's migrations. */
    String migrations() {
        return "classpath:" + migrationDirectory();
    }

    /** The resource directory of this database's migrations ({@code db/migration/sqlite}). */
    String migrationDirectory() {
        return "db/migration/" + migrations;
    }

    /**
     * The version of this database's newest migration ({@code V10__…} is 10); a test checks it against the migration
     * files, so that adding one without raising it fails the build.
     */
    int latestMigration() {
        return latestMigration;
    }

    boolean singleWriter() {
        return singleWriter;
    }

    /** What {@code <for_update>} stands for in this database's statements. */
    String forUpdate() {
        return forUpdate;
    }

    /**
     * What {@code <for_share>} stands for: a lock that keeps a row from being changed or deleted by others until the
     * transaction ends, while others may read and share-lock it too (PostgreSQL's {@code FOR SHARE}; an upsert that
     * changes only non-key columns is not held off by {@code FOR KEY SHARE}).
     */
    String forShare() {
        return forShare;
    }

    StoreFailures failures() {
        return failures;
    }
}
