package dev.assistants4j.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The connection pool to a PostgreSQL database. A request waits at most the connection timeout for a connection, so a
 * database that went away answers 503 soon instead of holding clients; a socket that hears nothing for {@link
 * #SOCKET_TIMEOUT} is dropped, so a lost network does not hang a statement forever.
 */
final class PostgresPool {

    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private PostgresPool() {}

    /** A data source that opens a new connection each time, for work the pool must not be short of. */
    static DataSource unpooled(DatabaseUrl url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url.jdbcUrl());
        url.user().ifPresent(source::setUser);
        url.password().ifPresent(source::setPassword);
        source.setApplicationName("assistants4j-migrations");
        return source;
    }

    /** Opens the pool; fails at once when no first connection can be made. */
    static HikariDataSource open(DatabaseUrl url, int poolSize, Duration connectionTimeout) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("postgresql");
        pool.setDriverClassName("org.postgresql.Driver");
        pool.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(pool::setUsername);
        url.password().ifPresent(pool::setPassword);
        pool.setMaximumPoolSize(poolSize);
        pool.setMinimumIdle(Math.min(2, poolSize));
        pool.setConnectionTimeout(connectionTimeout.toMillis());
        pool.setValidationTimeout(
                Math.min(connectionTimeout.toMillis(), Duration.ofSeconds(3).toMillis()));
        pool.addDataSourceProperty("ApplicationName", "assistants4j");
        pool.addDataSourceProperty("tcpKeepAlive", "true");
        pool.addDataSourceProperty("connectTimeout", "" + Math.max(1, connectionTimeout.toSeconds()));
        pool.addDataSourceProperty("socketTimeout", "" + SOCKET_TIMEOUT.toSeconds());
        return new HikariDataSource(pool);
    }
}
