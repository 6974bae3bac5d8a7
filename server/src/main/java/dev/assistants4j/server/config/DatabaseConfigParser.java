package dev.assistants4j.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.store.DatabaseUrl;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads {@code general_settings.database_url} (else the {@code DATABASE_URL} environment variable), {@code
 * database_connection_pool_limit} and {@code database_connection_timeout} (seconds), LiteLLM's keys, into a {@link
 * DatabaseConfig}. A URL that is not PostgreSQL's is a
 * config error naming where it came from.
 */
final class DatabaseConfigParser {

    static final String URL_PATH = "general_settings.database_url";
    static final String POOL_PATH = "general_settings.database_connection_pool_limit";
    static final String TIMEOUT_PATH = "general_settings.database_connection_timeout";

    /** A day: a longer lease would leave a dead node's runs for longer than any client waits. */
    static final long MAX_RUN_LEASE_SECONDS = 86_400;

    private DatabaseConfigParser() {}

    /** {@code general} is the {@code general_settings} mapping, or null when the file has none. */
    static DatabaseConfig parse(JsonNode general, ConfigContext ctx) {
        Optional<DatabaseUrl> url = general == null
                ? Optional.empty()
                : ctx.optionalString(general, "database_url", URL_PATH)
                        .filter(value -> !value.isBlank())
                        .map(value -> url(value, ctx, URL_PATH));
        if (url.isEmpty()) {
            url = fromEnv(ctx);
        }
        int pool = wholeNumber(general, "database_connection_pool_limit", POOL_PATH, 2, ctx)
                .orElse(DatabaseConfig.DEFAULT_POOL_LIMIT);
        Duration timeout = wholeNumber(general, "database_connection_timeout", TIMEOUT_PATH, 1, ctx)
                .map(Duration::ofSeconds)
                .orElse(DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT);
        return new DatabaseConfig(url, pool, timeout, runLease(ctx));
    }

    private static Duration runLease(ConfigContext ctx) {
        Optional<String> value = ctx.env().get(DatabaseConfig.RUN_LEASE_ENV);
        if (value.isEmpty() || value.get().isBlank()) {
            return DatabaseConfig.DEFAULT_RUN_LEASE;
        }
        try {
            long seconds = Long.parseLong(value.get().strip());
            if (seconds >= 1 && seconds <= MAX_RUN_LEASE_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ctx.error(
                "environment variable " + DatabaseConfig.RUN_LEASE_ENV,
                "must be a whole number of seconds from 1 to " + MAX_RUN_LEASE_SECONDS);
    }

    private static Optional<Integer> wholeNumber(
            JsonNode general, String key, String path, int least, ConfigContext ctx) {
        JsonNode value = general == null ? null : general.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < least) {
            throw ctx.error(
                    path, "must be a whole number of at least " + least + ", not " + ConfigContext.describe(value));
        }
        return Optional.of(value.asInt());
    }

    /** The database of a server started without a config file: {@code DATABASE_URL}, else the embedded one. */
    static DatabaseConfig fromEnvOnly(ConfigContext ctx) {
        DatabaseConfig embedded = DatabaseConfig.EMBEDDED.withRunLease(runLease(ctx));
        return fromEnv(ctx).map(embedded::withUrl).orElse(embedded);
    }

    private static Optional<DatabaseUrl> fromEnv(ConfigContext ctx) {
        return ctx.env()
                .get(DatabaseConfig.URL_ENV)
                .filter(value -> !value.isBlank())
                .map(value -> url(value, ctx, "environment variable " + DatabaseConfig.URL_ENV));
    }

    private static DatabaseUrl url(String value, ConfigContext ctx, String path) {
        try {
            return DatabaseUrl.parse(value);
        } catch (IllegalArgumentException e) {
            throw ctx.error(path, e.getMessage());
        }
    }
}
